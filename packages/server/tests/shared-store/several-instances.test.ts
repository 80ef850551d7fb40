import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../../tests/support/redis-server.js';
import { type RoundRobinProxy, startRoundRobinProxy } from '../../../../tests/support/round-robin-proxy.js';
import { SAMPLE_MP4, startMediaOrigin } from '../media-origin.js';
import { type EndpointProcess, startEndpointFleet, startEndpointProcess } from './support/endpoint-fleet.js';

/**
 * Three endpoint processes on one Redis, behind a round-robin proxy, against one sandbox: what a
 * fleet behind a load balancer shares must hold across processes, not only within one.
 */
let redis: RedisServer;
let sandbox: Sandbox;
let origin: Awaited<ReturnType<typeof startMediaOrigin>>;
let fleet: EndpointProcess[] = [];
let proxy: RoundRobinProxy;
let tmp: string;
let hookFile: string;

const APPLY_LIMIT = 6;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vod-shared-store-'));
  hookFile = join(tmp, 'uploaded.jsonl');
  [redis, sandbox, origin] = await Promise.all([
    startRedisServer(),
    startSandbox({ port: 0 }),
    startMediaOrigin(),
  ]);
  sandbox.allowImportHost(origin.host);
  fleet = await startEndpointFleet(3, {
    sandboxUrl: sandbox.url,
    redisUrl: redis.url,
    hookFile,
    allowHosts: [origin.host],
    rateLimit: { limit: 1_000, routes: { tencentApplyUpload: APPLY_LIMIT } },
  });
  proxy = await startRoundRobinProxy(fleet.map((p) => p.descriptor.url));
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all(fleet.map((p) => p.stop()));
  await Promise.all([redis?.stop(), sandbox?.close(), origin?.close()]);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: tests read into the JSON freely
type Answer = { status: number; json: any; ms: number };

async function call(method: string, path: string, body: unknown, caller = 'alice'): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${proxy.url}/api/vod${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-caller': caller },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, ms: Date.now() - started };
}

/** How often `onUploaded` fired for `mediaId`, over every process. */
function firings(mediaId: string): number {
  if (!existsSync(hookFile)) return 0;
  return readFileSync(hookFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { mediaId: string })
    .filter((line) => line.mediaId === mediaId).length;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function storedSha256(key: string): Promise<string | undefined> {
  const { adminUrl, s3 } = sandbox.descriptor;
  const response = await fetch(`${adminUrl}/objects?bucket=${s3.bucket}&key=${encodeURIComponent(key)}`);
  return response.ok ? ((await response.json()) as { sha256: string }).sha256 : undefined;
}

/** Signs a PUT through the fleet and stores the sample there; answers the key and its ticket. */
async function putSample(name: string): Promise<{ key: string; ticket: string }> {
  const signed = await call('POST', '/s3/sign', {
    method: 'PUT',
    key: name,
    fileName: name,
    fileSize: SAMPLE_MP4.length,
    contentType: 'video/mp4',
  });
  expect(signed.status, JSON.stringify(signed.json)).toBe(200);
  const { url, key, headers } = signed.json.result as {
    url: string;
    key: string;
    headers: Record<string, string>;
  };
  const put = await fetch(url, { method: 'PUT', body: SAMPLE_MP4, headers });
  expect(put.status).toBe(200);
  expect(await storedSha256(key)).toBe(sha256(SAMPLE_MP4));
  return { key, ticket: signed.json.ticket as string };
}

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'it',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Reads `GET path` through the fleet until `settled` picks a value; a timeout shows the last answer. */
async function pollUntil<T>(
  path: string,
  // biome-ignore lint/suspicious/noExplicitAny: tests read into the JSON freely
  settled: (json: any) => T | undefined,
  what: string,
): Promise<T> {
  let last: unknown;
  return eventually(
    async () => {
      const answer = await call('GET', path, undefined);
      last = answer.json;
      return settled(answer.json);
    },
    20_000,
    what,
  ).catch((error) => {
    throw new Error(`${error.message}: ${JSON.stringify(last)}`);
  });
}

// Child processes boot through tsx and the machine may be busy: more than the default 60 s each.
describe('several instances on one shared store (Redis)', { timeout: 120_000 }, () => {
  it('shared store: each completion fires onUploaded once across three instances, however often and wherever it is repeated', async () => {
    const objects = await Promise.all([putSample('first.mp4'), putSample('second.mp4')]);
    const before = [...proxy.counts];
    // Six completes of each at once: round robin hands every instance two of each.
    const answers = await Promise.all(
      objects.flatMap(({ key, ticket }) =>
        Array.from({ length: 6 }, () => call('POST', '/s3/complete', { key, ticket })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(proxy.counts.map((count, i) => count - (before[i] ?? 0))).toEqual([4, 4, 4]);
    for (const { key } of objects) expect(firings(key)).toBe(1);
    // Later repeats are remembered too.
    await Promise.all(objects.map(({ key, ticket }) => call('POST', '/s3/complete', { key, ticket })));
    for (const { key } of objects) expect(firings(key)).toBe(1);
  });

  it('shared store: the same URL imported through two instances yields one media (Alibaba and Tencent)', async () => {
    const mediaUrl = `${origin.url}/sample.mp4?import=${randomUUID()}`;
    const before = sandbox.context.log.lastSeq;
    // Two at once: consecutive requests reach two different instances.
    const aliyun = await Promise.all([
      call('POST', '/aliyun/url-import', { mediaUrl, mediaName: 'once' }),
      call('POST', '/aliyun/url-import', { mediaUrl, mediaName: 'once' }),
    ]);
    expect(aliyun.map((a) => a.status)).toEqual([200, 200]);
    const jobId = aliyun[0]?.json.result.UploadJobs[0].JobId as string;
    expect(aliyun[1]?.json.result.UploadJobs[0].JobId).toBe(jobId);

    const tencent = await Promise.all([
      call('POST', '/tencent/pull-upload', { mediaUrl, mediaName: 'once' }),
      call('POST', '/tencent/pull-upload', { mediaUrl, mediaName: 'once' }),
    ]);
    // Both get the first task, not the cloud's duplicate-SessionId refusal (409 already_imported).
    expect(tencent.map((a) => a.status)).toEqual([200, 200]);
    const taskId = tencent[0]?.json.result.Response.TaskId as string;
    expect(tencent[1]?.json.result.Response.TaskId).toBe(taskId);

    const actions = sandbox.context.log.list(before).map((record) => record.action);
    expect(actions.filter((a) => a === 'UploadMediaByURL')).toHaveLength(1);
    expect(actions.filter((a) => a === 'PullUpload')).toHaveLength(1);

    // The finished imports are one media each, reported once however many instances read them.
    const job = await pollUntil(
      `/aliyun/url-import/${jobId}`,
      (json) => {
        const found = json.result?.URLUploadInfoList?.[0];
        return found?.Status === 'SUCCESS' ? found : undefined;
      },
      'the Alibaba job',
    );
    const task = await pollUntil(
      `/tencent/tasks/${taskId}`,
      (json) => {
        const found = json.result?.Response;
        return found?.Status === 'FINISH' ? found : undefined;
      },
      'the Tencent task',
    );
    await Promise.all(
      [1, 2, 3].flatMap(() => [
        call('GET', `/aliyun/url-import/${jobId}`, undefined),
        call('GET', `/tencent/tasks/${taskId}`, undefined),
      ]),
    );
    expect(firings(job.MediaId)).toBe(1);
    expect(firings(task.PullUploadTask.FileId)).toBe(1);
  });

  it('shared store: the same create (one requestId) through two instances opens one session (Tencent, Alibaba)', async () => {
    const caller = `create-${randomUUID()}`;
    const before = sandbox.context.log.lastSeq;
    const requestId = randomUUID();
    const creates = [
      {
        path: '/tencent/apply-upload',
        body: { mediaType: 'mp4', requestId },
        id: (r: Answer['json']) => r.Response.VodSessionKey,
      },
      {
        path: '/aliyun/create-upload-video',
        body: { fileName: 'once.mp4', requestId },
        id: (r: Answer['json']) => r.VideoId,
      },
    ];
    for (const { path, body, id } of creates) {
      // Two at once: consecutive requests reach two different instances.
      const answers = await Promise.all([call('POST', path, body, caller), call('POST', path, body, caller)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(id(answers[1]?.json.result)).toBe(id(answers[0]?.json.result));
      expect(answers.every((a) => typeof a.json.ticket === 'string')).toBe(true);
    }
    const actions = sandbox.context.log.list(before).map((record) => record.action);
    expect(actions.filter((a) => a === 'ApplyUpload')).toHaveLength(1);
    expect(actions.filter((a) => a === 'CreateUploadVideo')).toHaveLength(1);
  });

  it('shared store: a rate limit is counted across instances, not per instance', async () => {
    const caller = `rate-${randomUUID()}`;
    const answers: Answer[] = [];
    // Nine requests, three per instance: each alone would let all of its three through.
    for (let i = 0; i < 9; i++) {
      answers.push(await call('POST', '/tencent/apply-upload', { mediaType: 'mp4' }, caller));
    }
    expect(answers.filter((a) => a.status === 200)).toHaveLength(APPLY_LIMIT);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(9 - APPLY_LIMIT);
    for (const answer of refused)
      expect(answer.json.error).toMatchObject({ code: 'rate_limited', retryable: true });
    // Another caller has a count of its own.
    expect(
      (await call('POST', '/tencent/apply-upload', { mediaType: 'mp4' }, `other-${caller}`)).status,
    ).toBe(200);
  });

  it('shared store: a lease holder killed with SIGKILL is replaced by another process, never two at once', async () => {
    const leaseFile = join(tmp, 'lease.jsonl');
    // Long enough that a starved (loaded) machine still renews in time: renewals come every ttl / 3.
    const ttlMs = 3_000;
    const name = `test-poller-${randomUUID()}`;
    const contenders = await Promise.all(
      [1, 2, 3].map(() =>
        startEndpointProcess({
          sandboxUrl: sandbox.url,
          redisUrl: redis.url,
          lease: { name, file: leaseFile, ttlMs },
        }),
      ),
    );
    try {
      rmSync(leaseFile, { force: true });
      const ticks = () =>
        existsSync(leaseFile)
          ? readFileSync(leaseFile, 'utf8')
              .split('\n')
              .filter(Boolean)
              .map((line) => JSON.parse(line) as { pid: number; at: number })
          : [];
      const first = await eventually(async () => ticks()[0], 20_000, 'a first lease holder');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(new Set(ticks().map((t) => t.pid))).toEqual(new Set([first.pid]));

      const victim = contenders.find((c) => c.descriptor.pid === first.pid);
      expect(victim).toBeDefined();
      await victim?.stop('SIGKILL');
      const killedAt = Date.now();
      const successor = await eventually(
        async () => ticks().find((t) => t.pid !== first.pid),
        10_000,
        'a successor',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      const all = ticks().sort((a, b) => a.at - b.at);
      // One holder after the other: the pids, in time order, change exactly once.
      const runs = all.map((t) => t.pid).filter((pid, i, pids) => i === 0 || pids[i - 1] !== pid);
      expect(runs).toEqual([first.pid, successor.pid]);
      const lastOfVictim = Math.max(...all.filter((t) => t.pid === first.pid).map((t) => t.at));
      expect(lastOfVictim).toBeLessThanOrEqual(killedAt);
      expect(successor.at).toBeGreaterThan(lastOfVictim);
      // The lease passed on when it expired (its ttl after the last renewal), not sooner.
      expect(successor.at - lastOfVictim).toBeGreaterThanOrEqual(ttlMs / 2);
      expect(successor.at - killedAt).toBeLessThan(ttlMs + 5_000);
    } finally {
      await Promise.all(contenders.map((c) => c.stop()));
    }
  });

  it('shared store: Redis restarted mid-run: uploads keep working, once-only steps are refused (503, retryable) and never fire twice, then service resumes', async () => {
    const done = await putSample('before-outage.mp4');
    expect((await call('POST', '/s3/complete', done)).status).toBe(200);
    expect(firings(done.key)).toBe(1);

    await redis.kill();
    // Tickets are stateless and the limiter fails open: an upload still starts and stores.
    const pending = await putSample('during-outage.mp4');
    const refused = await Promise.all([1, 2, 3].map(() => call('POST', '/s3/complete', pending)));
    for (const answer of refused) {
      expect(answer.status).toBe(503);
      expect(answer.json.error).toMatchObject({ code: 'store_unavailable', retryable: true });
      // No request hangs on the missing store (commands fail at once while it reconnects; the
      // bound leaves room for a loaded machine, far below a hung request's 30 s or more).
      expect(answer.ms).toBeLessThan(5_000);
    }
    const importRefused = await call('POST', '/aliyun/url-import', {
      mediaUrl: `${origin.url}/sample.mp4?o=1`,
    });
    expect(importRefused.json.error).toMatchObject({ code: 'store_unavailable' });
    expect(firings(pending.key)).toBe(0);

    await redis.start();
    // The engine retries a retryable error with backoff; here, until every instance has reconnected
    // (the proxy takes turns, so one round of calls reaches each; each reconnects on its own backoff).
    await eventually(async () => {
      const round = await Promise.all(fleet.map(() => call('POST', '/s3/complete', pending)));
      return round.every((answer) => answer.status === 200) ? round : undefined;
    });
    const repeats = await Promise.all([1, 2, 3].map(() => call('POST', '/s3/complete', pending)));
    expect(repeats.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(firings(pending.key)).toBe(1);
    expect(firings(done.key)).toBe(1);
  });
});
