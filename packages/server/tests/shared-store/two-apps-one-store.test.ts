import {
  type AliyunCloud,
  createRedisSharedStore,
  createVodHandler,
  MemorySharedStore,
  type RedisSharedStore,
  type SharedStore,
  startTencentEventPoller,
  type TencentCloud,
} from '@vod-uploader/server';
import { afterEach, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../../tests/support/redis-server.js';
import { fakeClouds } from '../fake-clouds.js';
import { readAnswer, resolvePublic } from '../harness.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const until = async (done: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** A Tencent layer whose PullEvents long-polls briefly and names the queue it was asked for. */
function pullingTencent(pulls: unknown[]): TencentCloud {
  return {
    ...fakeClouds().tencent,
    call: async (action, params) => {
      if (action === 'PullEvents') {
        pulls.push(params.SubAppId ?? 'main');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { EventSet: [], RequestId: 'r' };
    },
  };
}

/** An Alibaba layer that answers each UploadMediaByURL with a new JobId of its own account. */
function importingAliyun(account: string, calls: string[]): AliyunCloud {
  return {
    call: async (action) => {
      calls.push(action);
      return action === 'UploadMediaByURL'
        ? { UploadJobs: [{ JobId: `${account}-job-${calls.length}`, SourceURL: 'x' }], RequestId: 'r' }
        : { RequestId: 'r' };
    },
  };
}

describe('shared store: two apps (or two queues) on one store', () => {
  it('shared store: Tencent pollers of two sub-applications on one store both poll (each queue has its own lease)', async () => {
    const store = new MemorySharedStore();
    const pulls: unknown[] = [];
    for (const subAppId of [1500000001, 1500000002]) {
      const poller = startTencentEventPoller({
        config: {
          tencent: { secretId: 'AKIDlease', secretKey: 'lease-key', region: 'ap-guangzhou', subAppId },
          allowAnyone: true,
          clouds: { tencent: pullingTencent(pulls) },
        },
        store,
        onMediaEvent: () => {},
        retryMs: 20,
      });
      cleanups.push(() => poller.stop());
    }
    await until(() => pulls.includes(1500000001) && pulls.includes(1500000002));
    expect(new Set(pulls)).toEqual(new Set([1500000001, 1500000002]));
  });

  it('shared store: two Alibaba apps on one store never share a URL import answer, even for the same caller id and link', async () => {
    const store = new MemorySharedStore();
    const endpoint = (account: string, calls: string[]) => {
      const handler = createVodHandler({
        aliyun: {
          accessKeyId: `LTAI-${account}`,
          accessKeySecret: `${account}-secret`,
          regionId: 'cn-shanghai',
        },
        authorize: () => ({ id: 'u1' }),
        store,
        clouds: { aliyun: importingAliyun(account, calls) },
        policy: { urlImport: { resolveHost: resolvePublic } },
      });
      return (body: unknown) =>
        handler(
          new Request('http://x.test/api/vod/aliyun/url-import', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }),
        ).then(readAnswer);
    };
    const oneCalls: string[] = [];
    const twoCalls: string[] = [];
    const link = { mediaUrl: 'https://media.example.com/a.mp4' };
    const one = await endpoint('one', oneCalls)(link);
    const two = await endpoint('two', twoCalls)(link);
    expect(one.status, JSON.stringify(one.json)).toBe(200);
    expect(two.status, JSON.stringify(two.json)).toBe(200);
    expect(twoCalls).toContain('UploadMediaByURL');
    expect(JSON.stringify(two.json)).toContain('two-job-');
    expect(JSON.stringify(two.json)).not.toContain('one-job-');
  });
});

describe('shared store on Redis: keyPrefix', () => {
  let redis: RedisServer;
  const stores: RedisSharedStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await redis?.stop();
  });

  it('shared store on Redis: stores with their own keyPrefix on one Redis keep apart every key, rate windows included', async () => {
    redis = await startRedisServer();
    const a = createRedisSharedStore({ url: redis.url, keyPrefix: 'shop-a:' });
    const b = createRedisSharedStore({ url: redis.url, keyPrefix: 'shop-b:' });
    stores.push(a, b);
    const both: SharedStore[] = [a, b];
    for (const store of both) expect(await store.setIfAbsent('vod-uploader:lease:x', 'me', 5_000)).toBe(true);
    for (const store of both) expect(await store.increment('vod-uploader:rate:r:u1', 5_000)).toBe(1);
    expect(await a.extendIfEqual('vod-uploader:lease:x', 'me', 5_000)).toBe(true);
    await a.delete('vod-uploader:lease:x');
    expect(await b.get('vod-uploader:lease:x')).toBe('me');
    const { createClient } = await import('@redis/client');
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = ((await client.sendCommand(['KEYS', '*'])) as string[]).sort();
      expect(keys).toEqual([
        'shop-a:vod-uploader:rate:r:u1',
        'shop-b:vod-uploader:lease:x',
        'shop-b:vod-uploader:rate:r:u1',
      ]);
    } finally {
      await client.close();
    }
    expect(() => createRedisSharedStore({ url: redis.url, keyPrefix: 7 as never })).toThrow(
      expect.objectContaining({ code: 'config_invalid', field: 'store.keyPrefix' }),
    );
  });
});
