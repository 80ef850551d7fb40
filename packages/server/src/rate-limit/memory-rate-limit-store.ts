import type { RateLimitStore } from './rate-limit-store.js';

interface Window {
  count: number;
  endsAt: number;
}

/**
 * A `RateLimitStore` in this process's memory: fixed windows that expire, at most `maxKeys` of them
 * (the oldest windows go first), so a flood of distinct callers cannot grow it without bound.
 * Per process: behind a load balancer each instance counts on its own.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  increment(key: string, windowMs: number): number {
    const now = this.now();
    const current = this.windows.get(key);
    if (current && current.endsAt > now) {
      current.count += 1;
      return current.count;
    }
    if (current) this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) this.evict(now);
    this.windows.set(key, { count: 1, endsAt: now + windowMs });
    return 1;
  }

  /** Drops expired windows; when none expired, the oldest one (Map order is insertion order). */
  private evict(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
  }
}
