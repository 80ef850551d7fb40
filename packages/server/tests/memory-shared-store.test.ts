import { describe, expect, it } from 'vitest';
import { holdLease } from '../src/store/lease.js';
import { MemorySharedStore } from '../src/store/memory-shared-store.js';

describe('MemorySharedStore', () => {
  it('sets a key only once until it expires', async () => {
    let now = 1000;
    const store = new MemorySharedStore(100, () => now);
    expect(await store.setIfAbsent('k', 'a', 50)).toBe(true);
    expect(await store.setIfAbsent('k', 'b', 50)).toBe(false);
    expect(await store.get('k')).toBe('a');
    now += 50;
    expect(await store.get('k')).toBeUndefined();
    expect(await store.setIfAbsent('k', 'b', 50)).toBe(true);
  });

  it('counts increments within a window and starts a new one after it', async () => {
    let now = 0;
    const store = new MemorySharedStore(100, () => now);
    expect(await store.increment('c', 10)).toBe(1);
    expect(await store.increment('c', 10)).toBe(2);
    now = 10;
    expect(await store.increment('c', 10)).toBe(1);
  });

  it('extends and deletes only for the value it holds', async () => {
    let now = 0;
    const store = new MemorySharedStore(100, () => now);
    await store.set('l', 'me', 10);
    expect(await store.extendIfEqual('l', 'you', 100)).toBe(false);
    expect(await store.extendIfEqual('l', 'me', 100)).toBe(true);
    now = 50;
    expect(await store.deleteIfEqual('l', 'you')).toBe(false);
    expect(await store.deleteIfEqual('l', 'me')).toBe(true);
    expect(await store.get('l')).toBeUndefined();
  });

  it('keeps at most maxKeys entries, dropping the oldest', async () => {
    const store = new MemorySharedStore(2);
    await store.set('a', '1', 1000);
    await store.set('b', '2', 1000);
    await store.set('c', '3', 1000);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('c')).toBe('3');
  });
});

describe('holdLease', () => {
  it('gives the lease to one holder until it is released', async () => {
    const store = new MemorySharedStore();
    const first = await holdLease(store, 'poller', { ttlMs: 60_000 });
    expect(first?.held()).toBe(true);
    expect(await holdLease(store, 'poller', { ttlMs: 60_000 })).toBeUndefined();
    await first?.release();
    const second = await holdLease(store, 'poller', { ttlMs: 60_000 });
    expect(second?.held()).toBe(true);
    await second?.release();
  });
});
