import { ExpiringEntries } from '../store/expiring-entries.js';
import type { RateLimitStore } from './rate-limit-store.js';

/**
 * A `RateLimitStore` in this process's memory: fixed windows that expire, at most `maxKeys` of them
 * (the oldest windows go first), so a flood of distinct callers cannot grow it without bound.
 * Per process: behind a load balancer each instance counts on its own.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  /** Each key's count in its current window; the entry expires when the window ends. */
  private readonly windows: ExpiringEntries<number>;

  constructor(maxKeys = 10_000, now: () => number = Date.now) {
    this.windows = new ExpiringEntries(maxKeys, now);
  }

  increment(key: string, windowMs: number): number {
    const current = this.windows.get(key);
    if (current) {
      current.value += 1;
      return current.value;
    }
    this.windows.set(key, 1, windowMs);
    return 1;
  }
}
