import { ENDPOINT_ROUTES } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { EndpointClient, retryAfterMs } from './endpoint-client.js';
import { abortableSleep } from './environment.js';
import { resolveRetry } from './retry-options.js';

const env = {
  now: () => Date.now(),
  sleep: (_ms: number, signal?: AbortSignal) => abortableSleep(1, signal),
  isOnline: () => true,
  waitOnline: () => Promise.resolve(),
};

function client(answers: Response[], seen: Request[] = [], headers?: () => Promise<Record<string, string>>) {
  return new EndpointClient({
    endpoint: 'http://app.test/api/vod/',
    headers,
    provider: 'tencent',
    retry: resolveRetry({ retries: 2, baseDelayMs: 1 }),
    env,
    fetch: async (input, init) => {
      seen.push(new Request(input, init));
      const answer = answers.shift();
      if (!answer) throw new TypeError('fetch failed');
      return answer;
    },
  });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('EndpointClient', () => {
  it('posts JSON with the app headers and resolves the raw result', async () => {
    const seen: Request[] = [];
    const c = client(
      [json(200, { result: { Response: { RequestId: 'r' } }, serverTime: Date.now() })],
      seen,
      async () => ({
        authorization: 'Bearer t',
      }),
    );
    const result = await c.post(ENDPOINT_ROUTES.tencentApplyUpload, { mediaType: 'mp4' });
    expect(result).toEqual({ Response: { RequestId: 'r' } });
    expect(seen[0]?.url).toBe('http://app.test/api/vod/tencent/apply-upload');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer t');
    expect(await seen[0]?.json()).toEqual({ mediaType: 'mp4' });
  });

  it('postOnceOnly: a fresh requestId per call, the same on its retries; an endpoint older than the field gets the call without it', async () => {
    const seen: Request[] = [];
    const ok = () => json(200, { result: { Response: {} }, serverTime: Date.now() });
    const c = client([new Response('<html>bad gateway</html>', { status: 503 }), ok(), ok()], seen);
    await c.postOnceOnly(ENDPOINT_ROUTES.tencentApplyUpload, { mediaType: 'mp4' });
    await c.postOnceOnly(ENDPOINT_ROUTES.tencentApplyUpload, { mediaType: 'mp4' });
    const ids = await Promise.all(seen.map(async (r) => (await r.json()).requestId));
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[2]).not.toBe(ids[0]);

    const older: Request[] = [];
    const refused = {
      error: {
        code: 'request_invalid',
        message: 'requestId: unknown field(s) "requestId"',
        field: 'requestId',
      },
    };
    const old = client([json(400, refused), ok()], older);
    await old.postOnceOnly(ENDPOINT_ROUTES.aliyunCreateUploadVideo, { fileName: 'a.mp4' });
    expect(await Promise.all(older.map((r) => r.json()))).toEqual([
      { fileName: 'a.mp4', requestId: expect.any(String) },
      { fileName: 'a.mp4' },
    ]);
    // Any other refusal stands.
    const other = client([
      json(400, { error: { code: 'request_invalid', message: 'x', field: 'fileName' } }),
    ]);
    await expect(other.postOnceOnly(ENDPOINT_ROUTES.aliyunCreateUploadVideo, {})).rejects.toMatchObject({
      code: 'request_invalid',
      field: 'fileName',
    });
  });

  it('hands over what the endpoint sends beside the result (the bucket host) on request', async () => {
    const storageEndpoint = { domain: '127.0.0.1:9/{Bucket}', protocol: 'http:' };
    const c = client([json(200, { result: { Response: {} }, serverTime: Date.now(), storageEndpoint })]);
    const answer = await c.postForEnvelope(ENDPOINT_ROUTES.tencentApplyUpload, { mediaType: 'mp4' });
    expect(answer.result).toEqual({ Response: {} });
    expect(answer.storageEndpoint).toEqual(storageEndpoint);
  });

  it("corrects the clock from the endpoint's serverTime", async () => {
    const c = client([json(200, { result: {}, serverTime: Date.now() + 600_000 })]);
    await c.post('/x', {});
    expect(c.offsetMs).toBeGreaterThan(599_000);
    expect(c.now() - Date.now()).toBeGreaterThan(599_000);
  });

  it("rebuilds the endpoint's own error, with its code and cloud code", async () => {
    const c = client([
      json(400, {
        error: {
          code: 'policy_refused',
          message: 'mov is not allowed',
          field: 'mediaType',
          retryable: false,
        },
      }),
    ]);
    await expect(c.post('/x', {})).rejects.toMatchObject({
      code: 'policy_refused',
      field: 'mediaType',
      provider: 'tencent',
    });
  });

  it('retries a 503 and a dropped connection, then succeeds', async () => {
    const answers = [new Response('<html>bad gateway</html>', { status: 503 })];
    const c = client(answers);
    // The second attempt finds no answer queued (a dropped connection), the third succeeds.
    const seen: Request[] = [];
    const flaky = new EndpointClient({
      endpoint: '/api/vod',
      provider: 'aliyun',
      retry: resolveRetry({ retries: 3, baseDelayMs: 1 }),
      env,
      fetch: async (input, init) => {
        seen.push(new Request(new URL(String(input), 'http://app.test'), init));
        if (seen.length === 1) return new Response('', { status: 503 });
        if (seen.length === 2) throw new TypeError('fetch failed');
        return json(200, { result: { ok: true }, serverTime: Date.now() });
      },
    });
    await expect(flaky.post('/x', {})).resolves.toEqual({ ok: true });
    expect(seen).toHaveLength(3);
    await expect(c.post('/x', {})).rejects.toMatchObject({ code: 'network' });
  });

  it('rate_limited: a 429 waits at least its Retry-After, the endpoint’s own JSON or a proxy’s text', async () => {
    const sleeps: number[] = [];
    const ok = () => json(200, { result: { Response: {} }, serverTime: Date.now() });
    const limited = json(429, { error: { code: 'rate_limited', message: 'Too many requests' } });
    limited.headers.set('retry-after', '30');
    const c = new EndpointClient({
      endpoint: 'http://app.test/api/vod',
      provider: 'tencent',
      retry: resolveRetry({ retries: 3, baseDelayMs: 1 }),
      env: { ...env, sleep: async (ms: number) => void sleeps.push(ms) },
      fetch: async () =>
        [limited, new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '3' } }), ok()][
          sleeps.length
        ] as Response,
    });
    await c.post(ENDPOINT_ROUTES.tencentApplyUpload, { mediaType: 'mp4' });
    // Before, each wait was the backoff's few ms, and the proxy's 429 was decode_failed, not retried.
    expect(sleeps).toEqual([30_000, 3_000]);
  });

  it('reads Retry-After in seconds, at most a minute', () => {
    expect(retryAfterMs('5')).toBe(5_000);
    expect(retryAfterMs('3600')).toBe(60_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
