import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';

describe('MemoryRateLimitStore', () => {
  it('counts per key within a window and starts again after it', () => {
    let now = 0;
    const store = new MemoryRateLimitStore(100, () => now);
    expect([1, 2, 3].map(() => store.increment('a', 1000))).toEqual([1, 2, 3]);
    expect(store.increment('b', 1000)).toBe(1);
    now = 1000;
    expect(store.increment('a', 1000)).toBe(1);
  });

  it('keeps at most maxKeys windows, dropping expired ones first, then the oldest', () => {
    let now = 0;
    const store = new MemoryRateLimitStore(2, () => now);
    store.increment('old', 10);
    store.increment('kept', 1000);
    now = 20;
    store.increment('kept', 1000);
    store.increment('new', 1000); // 'old' expired: it goes
    expect(store.increment('kept', 1000)).toBe(3);
    store.increment('newest', 1000); // none expired: the oldest window ('kept') goes
    expect(store.increment('kept', 1000)).toBe(1);
  });
});
