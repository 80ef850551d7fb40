import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, eventually, type Harness, startHarness } from './harness.js';
import { SAMPLE_MP4, startMediaOrigin } from './media-origin.js';

let h: Harness;
let origin: Awaited<ReturnType<typeof startMediaOrigin>>;

// What the injected resolver answers (no DNS query is ever made): a name rebound to loopback, one with a
// public and a private address, one that is an IPv4-mapped loopback. Any other name is public.
const DNS = new Map<string, string[]>([
  ['rebound.example', ['127.0.0.1']],
  ['mixed.example', ['93.184.215.14', '::1']],
  ['mapped.example', ['::ffff:127.0.0.1']],
]);

beforeAll(async () => {
  origin = await startMediaOrigin();
  h = await startHarness({
    policy: {
      urlImport: {
        allowHosts: [origin.host],
        resolveHost: async (host) => DNS.get(host) ?? ['93.184.215.14'],
      },
    },
  });
  h.sandbox.allowImportHost(origin.host);
});
afterAll(async () => {
  await h?.close();
  await origin?.close();
});

const ROUTES = ['/tencent/pull-upload', '/aliyun/url-import'] as const;
const CLOUD_APIS = new Set(['tencent-vod', 'aliyun-vod']);

/** Requests the sandbox's VOD APIs received since `mark`. */
function cloudCallsSince(mark: number) {
  return h.sandbox.context.log.list(mark).filter((record) => CLOUD_APIS.has(record.api ?? ''));
}

describe('URL import guard (issue #13 item 4)', () => {
  const refused: Array<[string, () => Record<string, string>, string]> = [
    ['dotted loopback', () => ({ mediaUrl: `http://127.0.0.1/sample.mp4` }), 'mediaUrl'],
    ['another port of the allowed host', () => ({ mediaUrl: `http://127.0.0.1:1/sample.mp4` }), 'mediaUrl'],
    ['decimal loopback', () => ({ mediaUrl: `http://2130706433/sample.mp4` }), 'mediaUrl'],
    ['octal loopback', () => ({ mediaUrl: `http://0177.0.0.1/sample.mp4` }), 'mediaUrl'],
    ['hex short loopback', () => ({ mediaUrl: `http://0x7f.1/sample.mp4` }), 'mediaUrl'],
    ['short loopback', () => ({ mediaUrl: `http://127.1/sample.mp4` }), 'mediaUrl'],
    ['IPv6 loopback', () => ({ mediaUrl: `http://[::1]/sample.mp4` }), 'mediaUrl'],
    ['IPv4-mapped loopback', () => ({ mediaUrl: `http://[::ffff:127.0.0.1]/sample.mp4` }), 'mediaUrl'],
    ['localhost', () => ({ mediaUrl: `http://localhost/sample.mp4` }), 'mediaUrl'],
    ['a *.localhost name', () => ({ mediaUrl: `http://media.localhost/sample.mp4` }), 'mediaUrl'],
    ['a name resolving to loopback', () => ({ mediaUrl: `http://rebound.example/sample.mp4` }), 'mediaUrl'],
    ['a name with one private address', () => ({ mediaUrl: 'https://mixed.example/sample.mp4' }), 'mediaUrl'],
    [
      'a name resolving to mapped loopback',
      () => ({ mediaUrl: 'https://mapped.example/sample.mp4' }),
      'mediaUrl',
    ],
    [
      'a loopback cover beside a good media URL',
      () => ({ mediaUrl: `${origin.url}/sample.mp4`, coverUrl: `http://127.0.0.1/cover.jpg` }),
      'coverUrl',
    ],
  ];

  for (const route of ROUTES) {
    it.each(refused)(
      `ownership: url import ${route} refuses %s before any cloud call`,
      async (_name, body, field) => {
        const mark = h.sandbox.context.log.lastSeq;
        const answer = await h.call('POST', route, body());
        expect(answer.status).toBe(400);
        expect(errorOf(answer)).toMatchObject({ code: 'policy_refused', field });
        expect(errorOf(answer).message).toMatch(new RegExp(`^${field}: `));
        expect(cloudCallsSince(mark)).toEqual([]);
      },
    );
  }

  it('imports from the allow-listed development origin (host:port)', async () => {
    for (const route of ROUTES) {
      const answer = await h.call('POST', route, { mediaUrl: `${origin.url}/sample.mp4?allowed=${route}` });
      expect(answer.status).toBe(200);
    }
  });
});

describe('maxFileSize for URL imports', () => {
  let small: Harness;
  beforeAll(async () => {
    small = await startHarness(
      { policy: { maxFileSize: SAMPLE_MP4.length - 1, urlImport: { allowHosts: [origin.host] } } },
      { sandbox: h.sandbox },
    );
  });
  afterAll(async () => {
    await small?.close();
  });

  it('ownership: url import over maxFileSize (Tencent) is deleted and reported as policy_refused, never onUploaded', async () => {
    const pulled = await small.call('POST', '/tencent/pull-upload', {
      mediaUrl: `${origin.url}/sample.mp4?big=1`,
    });
    expect(pulled.status).toBe(200);
    const taskId = pulled.json.result.Response.TaskId as string;
    const task = await eventually(async () => {
      const raw = h.sandbox.context.state.get<{ status: string; fileId: string }>(
        'tencent-pull-tasks',
        taskId,
      );
      return raw?.status === 'FINISH' ? raw : undefined;
    });
    expect(task.fileId).toBeTruthy();
    const status = await small.call('GET', `/tencent/tasks/${taskId}`);
    expect(status.status).toBe(400);
    expect(errorOf(status)).toMatchObject({ code: 'policy_refused', provider: 'tencent', field: 'mediaUrl' });
    expect(errorOf(status).message).toMatch(/over the limit .*deleted/);
    // Read again: the media is gone, its size no longer known, and it is still not reported.
    const again = await small.call('GET', `/tencent/tasks/${taskId}`);
    expect(errorOf(again)).toMatchObject({ code: 'policy_refused', field: 'mediaUrl' });
    expect(small.uploaded).toEqual([]);
    const media = h.sandbox.context.state.get('tencent-media', task.fileId);
    expect(media).toBeUndefined();
  });

  it('ownership: url import over maxFileSize (Alibaba) is deleted and reported as policy_refused, never onUploaded', async () => {
    const imported = await small.call('POST', '/aliyun/url-import', {
      mediaUrl: `${origin.url}/sample.mp4?big=2`,
    });
    expect(imported.status).toBe(200);
    const jobId = imported.json.result.UploadJobs[0].JobId as string;
    const job = await eventually(async () => {
      const raw = h.sandbox.context.state.get<{ Status: string; MediaId?: string }>(
        'aliyun-vod-url-jobs',
        jobId,
      );
      return raw?.Status === 'SUCCESS' ? raw : undefined;
    });
    const status = await small.call('GET', `/aliyun/url-import/${jobId}`);
    expect(status.status).toBe(400);
    expect(errorOf(status)).toMatchObject({ code: 'policy_refused', provider: 'aliyun', field: 'mediaUrl' });
    expect(small.uploaded).toEqual([]);
    expect(h.sandbox.context.state.get('aliyun-vod-videos', job.MediaId ?? '')).toBeUndefined();
  });

  it('reports an import within maxFileSize once, to onUploaded', async () => {
    const roomy = await startHarness(
      { policy: { maxFileSize: SAMPLE_MP4.length, urlImport: { allowHosts: [origin.host] } } },
      { sandbox: h.sandbox },
    );
    try {
      const pulled = await roomy.call('POST', '/tencent/pull-upload', {
        mediaUrl: `${origin.url}/sample.mp4?fits=1`,
      });
      const taskId = pulled.json.result.Response.TaskId as string;
      await eventually(async () => {
        const answer = await roomy.call('GET', `/tencent/tasks/${taskId}`);
        return answer.json?.result?.Response?.Status === 'FINISH' ? answer : undefined;
      });
      expect(roomy.uploaded).toMatchObject([{ provider: 'tencent', kind: 'video' }]);
    } finally {
      await roomy.close();
    }
  });
});
