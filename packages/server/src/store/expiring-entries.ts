/** One remembered value and when it stops counting (epoch ms). */
export interface ExpiringEntry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Values that expire, at most `maxKeys` of them: when a new key finds it full, the expired entries
 * go first, then the oldest (Map order is insertion order, and a rewritten key moves to the end), so
 * a flood of distinct keys cannot grow it without bound. The memory of both in-process stores
 * (`MemorySharedStore`, `MemoryRateLimitStore`), which must bound themselves the same way.
 */
export class ExpiringEntries<V> {
  private readonly entries = new Map<string, ExpiringEntry<V>>();

  constructor(
    private readonly maxKeys: number,
    private readonly now: () => number,
  ) {}

  /** The live entry of `key`, to read or update in place; an expired one is dropped. */
  get(key: string): ExpiringEntry<V> | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Remembers `value` for `ttlMs` from now, replacing what `key` held. */
  set(key: string, value: V, ttlMs: number): void {
    // Delete first so a rewritten key moves to the end: insertion order stays roughly expiry order.
    this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) this.evict();
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
