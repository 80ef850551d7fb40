import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createRedisSharedStore,
  createVodHandler,
  type RedisSharedStore,
  type SharedStore,
} from '@vod-uploader/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../../tests/support/redis-server.js';
import { committingTencent } from '../fake-clouds.js';
import { readAnswer, resolvePublic } from '../harness.js';
import { describeSharedStoreContract } from './shared-store-contract.js';

let redis: RedisServer;
let store: RedisSharedStore;
const stores: RedisSharedStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  store = createRedisSharedStore({ url: redis.url });
  stores.push(store);
  // Connected before the first timed test.
  await store.get('vod-uploader:test:warm-up');
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await redis?.stop();
});

describeSharedStoreContract('redis', () => store);

/** A store on a port nothing listens on, closed after the run. */
function unreachableStore(connectTimeoutMs: number): RedisSharedStore {
  const down = createRedisSharedStore({ url: 'redis://127.0.0.1:1', connectTimeoutMs, onError: () => {} });
  stores.push(down);
  return down;
}

/** A Tencent endpoint on `shared` whose sessions commit by name; `post` calls one of its routes. */
function tencentEndpoint(shared: SharedStore, callerId: string, actions: string[] = []) {
  const uploaded: string[] = [];
  const handler = createVodHandler({
    tencent: { secretId: 'AKIDredis', secretKey: 'redis-secret-key', region: 'ap-guangzhou' },
    authorize: () => ({ id: callerId }),
    store: shared,
    clouds: { tencent: committingTencent(actions) },
    onUploaded: (event) => {
      uploaded.push(event.mediaId);
    },
  });
  const post = (route: string, body: unknown) =>
    handler(
      new Request(`http://x.test/api/vod/tencent/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    ).then(readAnswer);
  return { post, uploaded };
}

describe('shared store on Redis', () => {
  it('shared store on Redis: an unreachable Redis refuses at once with store_unavailable, and the store recovers when it is back', async () => {
    const own = await startRedisServer();
    const outages: unknown[] = [];
    const flaky = createRedisSharedStore({ url: own.url, onError: (error) => outages.push(error) });
    stores.push(flaky);
    try {
      expect(await flaky.setIfAbsent('vod-uploader:test:up', '1', 5_000)).toBe(true);
      await own.kill();
      const started = Date.now();
      const refusals = await Promise.all(
        [
          () => flaky.setIfAbsent('vod-uploader:test:k', '1', 1_000),
          () => flaky.get('vod-uploader:test:k'),
          () => flaky.increment('vod-uploader:test:c', 1_000),
          () => flaky.extendIfEqual('vod-uploader:test:k', '1', 1_000),
        ].map((step) =>
          step().then(
            () => undefined,
            (error: unknown) => error,
          ),
        ),
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      for (const refusal of refusals) {
        expect(refusal).toMatchObject({ code: 'store_unavailable', retryable: true });
        expect((refusal as Error).message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
      }
      // Told once for the outage, not once per command.
      expect(outages.length).toBeGreaterThanOrEqual(1);
      expect(outages.length).toBeLessThan(4);

      await own.start();
      const deadline = Date.now() + 10_000;
      let back = false;
      while (!back && Date.now() < deadline) {
        back = await flaky.setIfAbsent('vod-uploader:test:k', '2', 5_000).catch(() => false);
        if (!back) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(back).toBe(true);
      // The restarted Redis forgot the Lua scripts: EVALSHA falls back to EVAL.
      expect(await flaky.increment('vod-uploader:test:c', 1_000)).toBe(1);
    } finally {
      await own.stop();
    }
  });

  it('shared store on Redis: a Redis that stops answering on an open connection fails each step within commandTimeoutMs, and the endpoint answers', async () => {
    const own = await startRedisServer();
    const stalled = createRedisSharedStore({ url: own.url, commandTimeoutMs: 300, onError: () => {} });
    stores.push(stalled);
    try {
      expect(await stalled.setIfAbsent('vod-uploader:test:stall', '1', 5_000)).toBe(true);
      own.pause();
      const started = Date.now();
      const refusals = await Promise.all(
        [
          () => stalled.get('vod-uploader:test:stall'),
          () => stalled.setIfAbsent('vod-uploader:test:stall-2', '1', 1_000),
          () => stalled.increment('vod-uploader:test:stall-c', 1_000),
        ].map((step) =>
          step().then(
            () => undefined,
            (error: unknown) => error,
          ),
        ),
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      for (const refusal of refusals) {
        expect(refusal).toMatchObject({ code: 'store_unavailable', retryable: true });
      }
      // A request through the endpoint (its rate limiter reads the store) is answered, not held.
      const { post } = tencentEndpoint(stalled, 'u-stalled');
      const applyStarted = Date.now();
      const applied = await post('apply-upload', { mediaType: 'mp4', mediaName: 'stalled' });
      expect(applied.status).toBe(200);
      expect(Date.now() - applyStarted).toBeLessThan(2_000);

      own.resume();
      // The late replies are read and dropped: the next command gets its own answer.
      expect(await stalled.get('vod-uploader:test:stall')).toBe('1');
    } finally {
      own.resume();
      await own.stop();
    }
  });

  it('shared store on Redis: the options are checked when the store is made (a url or a client)', () => {
    expect(() => createRedisSharedStore({} as never)).toThrow(
      expect.objectContaining({ code: 'config_invalid' }),
    );
    expect(() => createRedisSharedStore({ url: redis.url, client: {} } as never)).toThrow(
      expect.objectContaining({ code: 'config_invalid', field: 'store' }),
    );
    expect(() => createRedisSharedStore({ url: 'http://127.0.0.1:6379' })).toThrow(
      expect.objectContaining({ code: 'config_invalid', field: 'store.url' }),
    );
  });

  it('shared store on Redis: a Redis that never came up fails each step within the connect timeout', async () => {
    const down = unreachableStore(300);
    const started = Date.now();
    await expect(down.get('vod-uploader:test:x')).rejects.toMatchObject({ code: 'store_unavailable' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('shared store on Redis: the endpoint keys what it shares under vod-uploader:<purpose>:, each with an expiry', async () => {
    const { post, uploaded } = tencentEndpoint(store, 'u-keys');
    const mediaName = `keys-${Date.now()}`;
    const applied = await post('apply-upload', { mediaType: 'mp4', mediaName });
    expect(applied.status).toBe(200);
    await post('commit-upload', { vodSessionKey: mediaName, ticket: applied.json.ticket });
    await post('commit-upload', { vodSessionKey: mediaName, ticket: applied.json.ticket });
    expect(uploaded).toEqual([`file-${mediaName}`]);

    const keys = await raw<string[]>(['KEYS', 'vod-uploader:*']);
    const uploadedKey = `vod-uploader:uploaded:tencent:file-${mediaName}`;
    expect(keys).toContain(uploadedKey);
    expect(keys.some((k) => k.startsWith('vod-uploader:rate:tencentApplyUpload:'))).toBe(true);
    for (const k of keys.filter((k) => !k.startsWith('vod-uploader:test:'))) {
      expect(Number(await raw(['PTTL', k])), k).toBeGreaterThan(0);
    }
    expect(await raw(['GET', uploadedKey])).toBe('done:');
  });

  it('shared store on Redis: with Redis down, an upload still starts but a Tencent commit is refused before the cloud commits it', async () => {
    const down = unreachableStore(200);
    const actions: string[] = [];
    const { post, uploaded } = tencentEndpoint(down, 'u-down', actions);
    // The limiter fails open and tickets need no store: the upload starts.
    const applied = await post('apply-upload', { mediaType: 'mp4', mediaName: 'down' });
    expect(applied.status).toBe(200);
    const committed = await post('commit-upload', { vodSessionKey: 'down', ticket: applied.json.ticket });
    expect(committed.status).toBe(503);
    expect(committed.json.error).toMatchObject({ code: 'store_unavailable', retryable: true });
    // Tencent takes a session's CommitUpload once: it was not spent on a commit nobody could record.
    expect(actions).toEqual(['ApplyUpload']);
    expect(uploaded).toEqual([]);
  });

  it('shared store on Redis: with Redis down and onMediaEvent set, an Alibaba video or URL import is refused before the cloud creates it', async () => {
    const down = unreachableStore(200);
    const actions: string[] = [];
    const handler = createVodHandler({
      aliyun: { accessKeyId: 'LTAI-redis', accessKeySecret: 'redis-secret', regionId: 'cn-shanghai' },
      authorize: () => ({ id: 'u-down' }),
      store: down,
      onMediaEvent: () => {},
      policy: { urlImport: { resolveHost: resolvePublic } },
      clouds: {
        aliyun: {
          call: async (action) => {
            actions.push(action);
            return { VideoId: 'v-orphan', UploadJobs: [{ JobId: 'job-orphan' }], RequestId: 'r' };
          },
        },
      },
    });
    const post = (route: string, body: unknown) =>
      handler(
        new Request(`http://x.test/api/vod/aliyun/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ).then(readAnswer);
    for (const [route, body] of [
      ['create-upload-video', { fileName: 'clip.mp4', fileSize: 1024 }],
      ['url-import', { mediaUrl: 'https://media.example.com/a.mp4' }],
    ] as const) {
      const refused = await post(route, body);
      expect(refused.status, route).toBe(503);
      expect(refused.json.error).toMatchObject({ code: 'store_unavailable', retryable: true });
    }
    // Nothing made at the cloud that no callback could name the owner of.
    expect(actions).toEqual([]);
  });

  it('shared store on Redis: only the Redis store loads the client, and only by a dynamic import', () => {
    const src = join(import.meta.dirname, '../../src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const importers = files.filter((file) =>
      /['"]@redis\/client['"]/.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(importers).toEqual([join('store', 'redis-shared-store.ts')]);
    const text = readFileSync(join(src, 'store/redis-shared-store.ts'), 'utf8');
    expect(text).not.toMatch(/^import[^;]*['"]@redis\/client['"]/m);
    expect(text).toMatch(/await import\(\s*(\/\*[^*]*\*\/\s*)*'@redis\/client'\s*\)/);
  });
});

/** A raw command through a client of the test's own (the store's is private). */
async function raw<T = unknown>(args: string[]): Promise<T> {
  const { createClient } = await import('@redis/client');
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    return (await client.sendCommand(args)) as T;
  } finally {
    await client.close();
  }
}
