import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedisServer } from '../../../../tests/support/redis-server.js';
import { startMediaHarness, tencentUpload, until } from '../support/media-harness.js';
import { type EndpointProcess, startEndpointProcess } from './support/endpoint-fleet.js';

interface Delivered {
  pid: number;
  id: string;
  type: string;
  at: number;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const deliveredIn = (file: string): Delivered[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Delivered)
    : [];

describe('shared store: the Tencent event poller across processes', () => {
  it('shared store: one poller process holds the lease; killed, another takes over, and every event is delivered once', async () => {
    const redis = await startRedisServer();
    cleanups.push(() => redis.stop());
    // Unconfirmed events come back after 1 s: the killed holder's unconfirmed ones reach the next one.
    const h = await startMediaHarness({ events: { redeliverAfterMs: 1000 } });
    cleanups.push(() => h.close());
    const file = join(tmpdir(), `vod-poller-${randomUUID()}.jsonl`);
    cleanups.push(() => rmSync(file, { force: true }));
    const options = {
      sandboxUrl: h.sandbox.url,
      redisUrl: redis.url,
      poller: { file, procedure: 'LongVideoPreset' },
    };
    const pollers: EndpointProcess[] = await Promise.all([
      startEndpointProcess(options),
      startEndpointProcess(options),
    ]);
    for (const poller of pollers) cleanups.push(() => poller.stop('SIGKILL'));
    const readyOf = (fileId: string) =>
      deliveredIn(file).find((d) => d.id.startsWith(`tencent:${fileId}:media.ready`));

    const one = await tencentUpload(h, 'alice');
    await until(() => readyOf(one.fileId) !== undefined, 60_000);
    const holderPid = readyOf(one.fileId)?.pid;
    const holder = pollers.find((p) => p.child.pid === holderPid);
    const standby = pollers.find((p) => p.child.pid !== holderPid);
    expect(holder).toBeDefined();
    // Only the holder delivered: the other process stood by.
    expect(new Set(deliveredIn(file).map((d) => d.pid))).toEqual(new Set([holderPid]));

    await holder?.stop('SIGKILL');
    const killedAt = Date.now();
    const two = await tencentUpload(h, 'alice');
    // The dead holder's lease lapses (15 s), then the standby polls and gets the queued events.
    await until(() => readyOf(two.fileId) !== undefined, 90_000);
    expect(readyOf(two.fileId)?.pid).toBe(standby?.child.pid);

    const delivered = deliveredIn(file);
    expect(delivered.filter((d) => d.pid === holderPid && d.at > killedAt)).toEqual([]);
    // Once each: no event id twice, across both processes and the redeliveries.
    const ids = delivered.map((d) => d.id);
    expect(ids.length).toBe(new Set(ids).size);
    for (const fileId of [one.fileId, two.fileId]) {
      const types = delivered.filter((d) => d.id.includes(fileId)).map((d) => d.type);
      expect(types).toContain('media.uploaded');
      expect(types).toContain('media.ready');
    }
  }, 180_000);
});
