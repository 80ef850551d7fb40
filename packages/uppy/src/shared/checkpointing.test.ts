import { describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from './checkpoint-store.js';
import { Checkpointing } from './checkpointing.js';
import { clearUploadCheckpoints } from './default-checkpoint-store.js';
import { isLongExpired } from './indexeddb-checkpoint-store.js';

const file = { name: 'clip.mp4', size: 64 * 1024 * 1024, lastModified: 1_700_000_000_000 };
const target = { provider: 'tencent', bucket: 'b-1250000000', mediaKey: 'k.mp4' };

function setup(now = 1_800_000_000_000) {
  const store = new MemoryCheckpointStore();
  const clock = { now };
  const make = () => new Checkpointing<typeof target>(store, 'tencent', '/api/vod', file, () => clock.now);
  return { store, clock, make };
}

describe('Checkpointing', () => {
  it('keeps the upload id and the stored parts for the same file at the same endpoint', async () => {
    const { make } = setup();
    const writer = make();
    writer.begin({ target, partSize: 8 * 1024 * 1024, credentialExpiresAt: 1_800_000_000_000 + 3_600_000 });
    await writer.saveUploadId('up-1');
    await writer.save([{ partNumber: 1, etag: '"a"', size: 8 * 1024 * 1024 }]);

    const saved = await make().load();
    expect(saved).toMatchObject({
      version: 1,
      provider: 'tencent',
      endpoint: '/api/vod',
      uploadId: 'up-1',
      target,
      doneParts: [{ partNumber: 1, etag: '"a"', size: 8 * 1024 * 1024 }],
    });
  });

  it('clears without touching the store when nothing was loaded or written (a single PUT), and deletes what was', async () => {
    const { make, store } = setup();
    const deleted: string[] = [];
    const remove = store.delete.bind(store);
    store.delete = async (key) => {
      deleted.push(key);
      return remove(key);
    };
    await make().clear();
    expect(deleted).toEqual([]);
    const writer = make();
    writer.begin({ target, partSize: 10 });
    await writer.saveUploadId('up-1');
    await writer.clear();
    expect(deleted).toEqual([writer.key]);
    expect(await make().load()).toBeUndefined();
  });

  it('serializes writes, so the newest parts list wins', async () => {
    const { make } = setup();
    const writer = make();
    writer.begin({ target, partSize: 10 });
    void writer.saveUploadId('up-1');
    void writer.save([{ partNumber: 1, etag: 'a', size: 10 }]);
    await writer.save([
      { partNumber: 1, etag: 'a', size: 10 },
      { partNumber: 2, etag: 'b', size: 10 },
    ]);
    expect((await make().load())?.doneParts).toHaveLength(2);
  });

  it('coalesces writes queued together, and a failed write does not stop later ones', async () => {
    const { make, store } = setup();
    const writer = make();
    const written: number[] = [];
    let failNext = true;
    const put = store.put.bind(store);
    store.put = async (key, record) => {
      written.push(record.doneParts.length);
      if (failNext) {
        failNext = false;
        throw new Error('QuotaExceededError');
      }
      return put(key, record);
    };
    writer.begin({ target, partSize: 10 });
    const part = (n: number) => ({ partNumber: n, etag: String(n), size: 10 });
    await writer.saveUploadId('up-1'); // this write fails, and the failure is not thrown
    void writer.save([part(1)]);
    void writer.save([part(1), part(2)]);
    await writer.save([part(1), part(2), part(3)]);
    // The failed first write, then one write of the newest list (the two older ones were superseded).
    expect(written).toEqual([0, 3]);
    expect((await make().load())?.doneParts).toHaveLength(3);
  });

  it('drops a checkpoint whose credential is about to expire', async () => {
    const { make, clock, store } = setup();
    const writer = make();
    writer.begin({ target, partSize: 10, credentialExpiresAt: clock.now + 30_000 });
    await writer.saveUploadId('up-1');
    expect(await make().load()).toBeUndefined();
    expect(store.records.size).toBe(0);
  });

  it('drops a checkpoint after a day even when the credential is renewable', async () => {
    const { make, clock } = setup();
    const writer = make();
    writer.begin({ target, partSize: 10 });
    await writer.saveUploadId('up-1');
    expect(await make().load()).toBeDefined();
    clock.now += 24 * 60 * 60 * 1000 + 1;
    expect(await make().load()).toBeUndefined();
  });

  it('ignores malformed records and clears on success', async () => {
    const { make, store } = setup();
    const writer = make();
    await store.put(writer.key, { version: 1, provider: 'tencent' } as never);
    expect(await make().load()).toBeUndefined();
    writer.begin({ target, partSize: 10 });
    await writer.saveUploadId('up-1');
    await writer.clear();
    expect(store.records.size).toBe(0);
  });

  it('does nothing when resume is off (no store)', async () => {
    const writer = new Checkpointing<typeof target>(undefined, 'tencent', '/api/vod', file, () => 0);
    writer.begin({ target, partSize: 10 });
    await writer.saveUploadId('up-1');
    expect(await writer.load()).toBeUndefined();
  });

  it('clearUploadCheckpoints forgets every checkpoint of the store (sign-out); the sweep takes only long-expired ones', async () => {
    const { clock } = setup();
    const shared = new MemoryCheckpointStore();
    const writer = new Checkpointing<typeof target>(shared, 'tencent', '/api/vod', file, () => clock.now);
    writer.begin({ target, partSize: 10 });
    await writer.saveUploadId('u1', []);
    expect(shared.records.size).toBe(1);
    await clearUploadCheckpoints(shared);
    expect(shared.records.size).toBe(0);
    const hour = 3_600_000;
    expect(isLongExpired({ expiresAt: clock.now - 2 * hour }, clock.now)).toBe(true);
    expect(isLongExpired({ expiresAt: clock.now - hour / 2 }, clock.now)).toBe(false);
    expect(isLongExpired({ expiresAt: clock.now + hour }, clock.now)).toBe(false);
    expect(isLongExpired('garbage', clock.now)).toBe(true);
  });
});
