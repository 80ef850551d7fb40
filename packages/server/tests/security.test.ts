import { vodError } from '@vod-uploader/core';
import { CloudCallError, configFromSandboxDescriptor, createVodHandler, refuse } from '@vod-uploader/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, errorOf, expectNoSecret, type Harness, readAnswer, startHarness } from './harness.js';
import { rawConnection } from './support/raw-connection.js';

let h: Harness;
const limitedRoutes: string[] = [];

beforeAll(async () => {
  h = await startHarness({
    authorize: (request) => {
      const token = request.headers.get('authorization');
      if (token === 'Bearer good') return { id: 'user-1' };
      if (token === 'Bearer limited') return { id: 'limited' };
      if (token === 'Bearer banned') return refuse('forbidden', 'This account may not upload');
      if (token === 'Bearer throws-403') throw vodError('forbidden', 'Suspended');
      if (token === 'Bearer crash') throw new Error('session store down: password=hunter2');
      return refuse('unauthorized');
    },
    rateLimit: (caller, route) => {
      limitedRoutes.push(route);
      return caller.id !== 'limited';
    },
    policy: { maxFileSize: 1024 * 1024 },
    cors: { origins: ['https://app.example'] },
  });
});
afterAll(async () => {
  await h?.close();
});

const AUTH = { authorization: 'Bearer good' };

const POST_ROUTES = [
  '/tencent/apply-upload',
  '/tencent/commit-upload',
  '/tencent/pull-upload',
  '/aliyun/create-upload-video',
  '/aliyun/refresh-upload-video',
  '/aliyun/create-upload-image',
  '/aliyun/url-import',
  '/aliyun/complete',
  '/s3/sign',
  '/s3/complete',
];
const GET_ROUTES = ['/tencent/tasks/abc', '/aliyun/url-import/abc'];

describe('authorize, rate limit and routing', () => {
  it('refuses every route without a caller (401) and a refused caller (403), before any cloud call', async () => {
    const before = h.sandbox.context.log.lastSeq;
    for (const [method, path] of [
      ...POST_ROUTES.map((p) => ['POST', p] as const),
      ...GET_ROUTES.map((p) => ['GET', p] as const),
    ]) {
      const body = method === 'POST' ? { mediaType: 'mp4' } : undefined;
      const anonymous = await h.call(method, path, body);
      expect(anonymous.status, path).toBe(401);
      expect(errorOf(anonymous)).toMatchObject({ code: 'unauthorized', retryable: false });
      const banned = await h.call(method, path, body, { authorization: 'Bearer banned' });
      expect(banned.status, path).toBe(403);
      expect(errorOf(banned)).toMatchObject({ code: 'forbidden', message: 'This account may not upload' });
    }
    const thrown = await h.call('POST', '/s3/sign', {}, { authorization: 'Bearer throws-403' });
    expect(thrown.status).toBe(403);
    expect(errorOf(thrown).message).toBe('Suspended');
    expect(h.sandbox.context.log.list(before)).toEqual([]);
  });

  it('answers a failing authorize with a bare 500, keeping its details on the server', async () => {
    const answer = await h.call('POST', '/s3/sign', {}, { authorization: 'Bearer crash' });
    expect(answer.status).toBe(500);
    expect(errorOf(answer)).toMatchObject({ code: 'internal', message: 'Internal error' });
    expect(answer.text).not.toContain('hunter2');
    expect(answer.text).not.toContain('session store');
  });

  it('answers 429 when the rate limit says no', async () => {
    const answer = await h.call(
      'POST',
      '/tencent/apply-upload',
      { mediaType: 'mp4' },
      {
        authorization: 'Bearer limited',
      },
    );
    expect(answer.status).toBe(429);
    expect(errorOf(answer)).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(limitedRoutes.at(-1)).toBe('tencentApplyUpload');
  });

  it('answers 404 endpoint_not_found for unknown routes, wrong methods and paths outside the base path (the browser then says: check the endpoint setting)', async () => {
    for (const [method, url] of [
      ['POST', `${h.endpoint}/tencent/nope`],
      ['GET', `${h.endpoint}/tencent/apply-upload`],
      ['PUT', `${h.endpoint}/s3/sign`],
      ['GET', `${h.endpoint}/tencent/tasks/`],
      ['GET', `${h.endpoint}/tencent/tasks/a/b`],
      ['POST', h.endpoint.replace('/api/vod', '/api/vodx/s3/sign')],
      ['POST', h.endpoint.replace('/api/vod', '/other')],
    ] as const) {
      const answer = await readAnswer(await fetch(url, { method, headers: AUTH }));
      expectNoSecret(answer, h.secrets);
      expect(answer.status, `${method} ${url}`).toBe(404);
      expect(errorOf(answer).code).toBe('endpoint_not_found');
      expect(errorOf(answer).message).toContain('check the endpoint setting');
    }
  });

  it('answers CORS for listed origins only, preflight included', async () => {
    const preflight = await fetch(`${h.endpoint}/s3/sign`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');

    const stranger = await fetch(`${h.endpoint}/s3/sign`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();

    const answer = await h.call(
      'POST',
      '/tencent/apply-upload',
      { mediaType: 'exe' },
      {
        ...AUTH,
        origin: 'https://app.example',
      },
    );
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example');
    // A 429's Retry-After is readable by the page's script on another origin.
    expect(answer.headers.get('access-control-expose-headers')).toBe('retry-after');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('vary')).toContain('Origin');
  });
});

describe('request bodies', () => {
  it('refuses bodies over 64 KiB with 413, declared or streamed', async () => {
    const big = JSON.stringify({ mediaType: 'mp4', mediaName: 'x'.repeat(70 * 1024) });
    const declared = await h.call('POST', '/tencent/apply-upload', big, AUTH);
    expect(declared.status).toBe(413);
    expect(errorOf(declared)).toMatchObject({ code: 'body_too_large', field: 'body' });

    const chunks = [
      new TextEncoder().encode('{"mediaType":"mp4","mediaName":"'),
      new Uint8Array(80 * 1024).fill(97),
    ];
    const streamed = await readAnswer(
      await fetch(`${h.endpoint}/tencent/apply-upload`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(errorOf(streamed).code).toBe('body_too_large');
  });

  it('answers 413 to a client still sending, then closes that connection', async () => {
    const { socket, received, closed } = rawConnection(h.endpoint);
    socket.write(
      'POST /api/vod/tencent/apply-upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\n' +
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = 'a'.repeat(70 * 1024);
    socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`); // and never the final chunk
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(received().toLowerCase()).toContain('connection: close');
    expect(received()).toContain('"code":"body_too_large"');
  });

  it('refuses what is not a JSON object, naming the field at fault', async () => {
    // By route: a body (as sent, with a JSON content type unless the row says otherwise) → the field named.
    const cases: Record<string, Array<[body: string, field: string, headers?: Record<string, string>]>> = {
      '/tencent/apply-upload': [
        ['{"mediaType":"mp4"}', 'content-type', { 'content-type': 'text/plain' }],
        ['{"mediaType":', 'body'],
        ['[1,2]', 'body'],
        ['"mp4"', 'body'],
        ['', 'body'],
        ['{"mediaType":5}', 'mediaType'],
        ['{"mediaType":"mp4","fileSize":"12"}', 'fileSize'],
        ['{"mediaType":"mp4","fileSize":-1}', 'fileSize'],
        ['{"mediaType":"mp4","Procedure":"x"}', 'Procedure'],
        ['{"mediaType":"../../etc"}', 'mediaType'],
      ],
      '/tencent/commit-upload': [['{}', 'vodSessionKey']],
      '/aliyun/create-upload-video': [['{"fileName":"a.mp4","tags":["a,b"]}', 'tags.0']],
      '/aliyun/create-upload-image': [['{"imageType":"poster","imageExt":"png"}', 'imageType']],
      '/s3/sign': [['{"method":"PUT","key":"a.mp4","partNumber":0,"uploadId":"u"}', 'partNumber']],
    };
    for (const [path, rows] of Object.entries(cases)) {
      for (const [body, field, headers = {}] of rows) {
        const answer = await h.call('POST', path, body, {
          ...AUTH,
          'content-type': 'application/json',
          ...headers,
        });
        expect(answer.status, body).toBe(400);
        const error = errorOf(answer);
        expect(error, body).toMatchObject({ code: 'request_invalid', field });
        expect(error.message.startsWith(`${field}:`), error.message).toBe(true);
      }
    }
    const badUtf8 = await readAnswer(
      await fetch(`${h.endpoint}/tencent/apply-upload`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      }),
    );
    expect(errorOf(badUtf8)).toMatchObject({ code: 'request_invalid', field: 'body' });
  });

  it('refuses a malformed body nested deeper than 32 levels with 400 request_invalid on every route, a once-only one with a requestId too, before any cloud call', async () => {
    // 32,000 nested arrays fit in 64 KiB; JSON.parse takes them, recursion after it would not.
    const nested = (levels: number) =>
      `{"requestId":"aaaaaaaaaaaaaaaa","mediaType":"mp4","x":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    expect(nested(32_000).length).toBeLessThan(64 * 1024);
    const before = h.sandbox.context.log.lastSeq;
    for (const path of [...POST_ROUTES, '/tencent/v2/sign-cos', '/session/check', '/media/status']) {
      for (const levels of [32_000, 32]) {
        const answer = await h.call('POST', path, nested(levels), AUTH);
        expect({ path, levels, status: answer.status }).toEqual({ path, levels, status: 400 });
        expect(errorOf(answer), path).toMatchObject({
          code: 'request_invalid',
          field: 'body',
          message: 'body: nested deeper than 32 levels',
        });
      }
      // 32 levels in all (the body's own object is the first) is a body the schema reads.
      const within = await h.call('POST', path, nested(31), AUTH);
      expect(within.status, path).toBe(400);
      expect(errorOf(within).message, path).not.toContain('nested');
    }
    expect(h.sandbox.context.log.list(before)).toEqual([]);
  });

  it('never answers 5xx nor leaks a secret for hundreds of random malformed bodies', async () => {
    const random = prng(20261122);
    const statuses = new Map<number, number>();
    const before = h.sandbox.context.log.lastSeq;
    for (let i = 0; i < 400; i++) {
      const path = POST_ROUTES[Math.floor(random() * POST_ROUTES.length)]!;
      const { body, contentType } = randomBody(random);
      // Most go straight to the web handler (fast); every fourth crosses real HTTP.
      const answer: Answer =
        i % 4 === 0
          ? await h.call('POST', path, body, { ...AUTH, 'content-type': contentType })
          : await readAnswer(
              await h.handler(
                new Request(`http://endpoint.test/api/vod${path}`, {
                  method: 'POST',
                  headers: { ...AUTH, 'content-type': contentType },
                  body,
                }),
              ),
            );
      expectNoSecret(answer, h.secrets);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answer.status, `${path} ${String(body).slice(0, 200)}`).toBeLessThan(500);
      if (answer.status >= 400) {
        expect([
          'request_invalid',
          'body_too_large',
          'policy_refused',
          'not_found',
          'cloud_refused',
        ]).toContain(errorOf(answer).code);
      } else {
        expect(answer.json).toMatchObject({ result: expect.anything(), serverTime: expect.any(Number) });
      }
    }
    // The generator is meant to be hostile: almost nothing should get through to a cloud.
    expect((statuses.get(400) ?? 0) + (statuses.get(413) ?? 0)).toBeGreaterThan(300);
    expect(h.sandbox.context.log.list(before).length).toBeLessThan(40);
  });
});

describe('secrets', () => {
  it('scrubs a configured secret even from a cloud message that echoes it', async () => {
    const providers = configFromSandboxDescriptor(h.sandbox.descriptor);
    const secret = providers.tencent.secretKey;
    const handler = createVodHandler({
      allowAnyone: true,
      tencent: providers.tencent,
      onError: () => {},
      clouds: {
        tencent: {
          call: async () => {
            throw new CloudCallError('tencent', `signature mismatch for key ${secret}`, {
              cloudCode: 'InvalidParameterValue.Echo',
              requestId: 'req-1',
            });
          },
          applyUploadV2: async () => ({ code: 0, leaked: secret }),
        },
      },
    });
    const answer = await readAnswer(
      await handler(
        new Request('http://endpoint.test/api/vod/tencent/apply-upload', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"mediaType":"mp4"}',
        }),
      ),
    );
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'cloud_refused', cloudCode: 'InvalidParameterValue.Echo' });
    expect(answer.text).toContain('[redacted]');
    expectNoSecret(answer, [secret]);
  });
});

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  'mediaType',
  'mediaName',
  'coverType',
  'fileSize',
  'procedure',
  'classId',
  'vodSessionKey',
  'mediaUrl',
  'coverUrl',
  'fileName',
  'title',
  'tags',
  'templateGroupId',
  'cateId',
  'videoId',
  'imageId',
  'imageType',
  'imageExt',
  'method',
  'key',
  'uploadId',
  'partNumber',
  '__proto__',
  'constructor',
  'Procedure',
  'SubAppId',
];

function randomValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * 12);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return Math.floor((random() - 0.5) * 2 ** (random() * 60));
    case 3:
      return random() * 1e308 * (random() < 0.5 ? -1 : 1);
    case 4:
      return 'x'.repeat(Math.floor(random() * 3000));
    case 5:
      return ['mp4', 'exe', '.MP4', 'jpg', '', 'm3u8', '../x', 'PUT', 'cover'][Math.floor(random() * 9)];
    case 6:
      return ['ftp://h/a.mp4', 'javascript:alert(1)', 'http://127.0.0.1:1/a.mp4', 'https://x/y', '\u0000'][
        Math.floor(random() * 5)
      ];
    case 7:
      return String.fromCharCode(...Array.from({ length: 20 }, () => Math.floor(random() * 0xd7ff)));
    case 8:
      return depth > 3
        ? []
        : Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth + 1));
    case 9:
      return depth > 3 ? {} : randomObject(random, depth + 1);
    case 10:
      return 'uploads/2026-11-22/0123456789abcdef-0123456789abcdef0123456789abcdef/a.mp4';
    default:
      return Math.floor(random() * 20_000);
  }
}

function randomObject(random: () => number, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const count = Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const key =
      random() < 0.9 ? FIELDS[Math.floor(random() * FIELDS.length)]! : `k${Math.floor(random() * 1e6)}`;
    out[key] = randomValue(random, depth);
  }
  return out;
}

function randomBody(random: () => number): { body: string | Uint8Array<ArrayBuffer>; contentType: string } {
  const kind = Math.floor(random() * 10);
  const contentType =
    random() < 0.9
      ? 'application/json'
      : ['text/plain', 'application/x-www-form-urlencoded', ''][Math.floor(random() * 3)]!;
  if (kind === 0)
    return {
      body: Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256)),
      contentType,
    };
  if (kind === 1) {
    const text = JSON.stringify(randomObject(random));
    return { body: text.slice(0, Math.floor(random() * text.length)), contentType };
  }
  if (kind === 2)
    return {
      body: JSON.stringify({ pad: 'p'.repeat(65 * 1024 + Math.floor(random() * 5000)) }),
      contentType,
    };
  if (kind === 3) return { body: JSON.stringify(randomValue(random)), contentType };
  if (kind === 4)
    return { body: `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`, contentType };
  return { body: JSON.stringify(randomObject(random)), contentType };
}
