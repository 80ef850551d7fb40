import { randomUUID } from 'node:crypto';
import { holdLease, type SharedStore } from '@vod-uploader/server';
import { describe, expect, it } from 'vitest';
import { OnceAcrossInstances } from '../../src/store/once-across-instances.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The `SharedStore` contract, run against every implementation (memory, Redis), so both keep the
 * same meaning: atomic once-only sets, windows that expire, compare-and-extend/delete, and what is
 * built on them (leases, once-across-instances). Real time with TTLs of about a second (Redis keeps its own clock), long enough for a loaded machine.
 */
export function describeSharedStoreContract(name: string, storeOf: () => SharedStore): void {
  // Fresh keys per test, so implementations that persist between tests do not leak into each other.
  const key = (purpose: string) => `vod-uploader:test:${purpose}:${randomUUID()}`;

  describe(`shared store contract (${name})`, () => {
    it('shared store: setIfAbsent sets a key once, for one caller of many at once, until it expires', async () => {
      const store = storeOf();
      const k = key('once');
      const wins = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.setIfAbsent(k, `v${i}`, 1_000)),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = `v${wins.indexOf(true)}`;
      expect(await store.get(k)).toBe(winner);
      expect(await store.setIfAbsent(k, 'late', 1_000)).toBe(false);
      await sleep(1_300);
      expect(await store.get(k)).toBeUndefined();
      expect(await store.setIfAbsent(k, 'after', 1_000)).toBe(true);
    });

    it('shared store: set overwrites, get reads, delete removes', async () => {
      const store = storeOf();
      const k = key('plain');
      expect(await store.get(k)).toBeUndefined();
      await store.set(k, 'a', 5_000);
      await store.set(k, 'b', 5_000);
      expect(await store.get(k)).toBe('b');
      await store.delete(k);
      expect(await store.get(k)).toBeUndefined();
      await store.delete(k);
    });

    it('shared store: increment counts every concurrent call once within a window, then starts anew', async () => {
      const store = storeOf();
      const k = key('count');
      const counts = await Promise.all(Array.from({ length: 50 }, () => store.increment(k, 1_000)));
      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      await sleep(1_300);
      expect(await store.increment(k, 1_000)).toBe(1);
    });

    it('shared store: extendIfEqual and deleteIfEqual act only for the value the key holds', async () => {
      const store = storeOf();
      const k = key('cas');
      await store.set(k, 'me', 600);
      expect(await store.extendIfEqual(k, 'you', 2_000)).toBe(false);
      expect(await store.extendIfEqual(k, 'me', 3_000)).toBe(true);
      await sleep(900);
      expect(await store.get(k)).toBe('me');
      expect(await store.deleteIfEqual(k, 'you')).toBe(false);
      expect(await store.deleteIfEqual(k, 'me')).toBe(true);
      expect(await store.get(k)).toBeUndefined();
      expect(await store.extendIfEqual(k, 'me', 2_000)).toBe(false);
      expect(await store.deleteIfEqual(k, 'me')).toBe(false);
    });

    it('shared store: a lease has one holder, renews itself past its ttl, and passes on when released', async () => {
      const store = storeOf();
      const name = `test-${randomUUID()}`;
      const [a, b] = await Promise.all([
        holdLease(store, name, { ttlMs: 600 }),
        holdLease(store, name, { ttlMs: 600 }),
      ]);
      const holder = a ?? b;
      expect([a, b].filter(Boolean)).toHaveLength(1);
      await sleep(1_400);
      expect(holder?.held()).toBe(true);
      expect(await holdLease(store, name, { ttlMs: 600 })).toBeUndefined();
      await holder?.release();
      const next = await holdLease(store, name, { ttlMs: 600 });
      expect(next?.held()).toBe(true);
      await next?.release();
    });

    it('shared store: work run once across two instances hands its outcome to repeats, and a failure is retried', async () => {
      const store = storeOf();
      const purpose = `test-${randomUUID()}`;
      // Two instances: two objects on one store, each with its own in-process memory.
      const first = new OnceAcrossInstances<{ taskId: string }>(store, purpose, { ttlMs: 5_000, pollMs: 10 });
      const second = new OnceAcrossInstances<{ taskId: string }>(store, purpose, {
        ttlMs: 5_000,
        pollMs: 10,
      });
      let calls = 0;
      const work = async () => {
        calls += 1;
        await sleep(100);
        return { taskId: `task-${calls}` };
      };
      const answers = await Promise.all([first.run('a', work), second.run('a', work), second.run('a', work)]);
      expect(answers).toEqual([{ taskId: 'task-1' }, { taskId: 'task-1' }, { taskId: 'task-1' }]);
      expect(await first.run('a', work)).toEqual({ taskId: 'task-1' });
      expect(calls).toBe(1);

      await expect(
        first.run('b', async () => {
          throw new Error('cloud down');
        }),
      ).rejects.toThrow('cloud down');
      expect(await second.run('b', work)).toEqual({ taskId: 'task-2' });
    });
  });
}
