import type { SharedStore } from './shared-store.js';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * A `SharedStore` in this process's memory: the default for one instance. At most `maxKeys` live
 * entries (expired ones go first, then the oldest), so a flood of distinct keys cannot grow it
 * without bound. Behind a load balancer each instance would remember on its own: use a shared one.
 */
export class MemorySharedStore implements SharedStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.put(key, value, ttlMs);
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, value, ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const current = this.live(key);
    if (!current) {
      this.put(key, '1', windowMs);
      return 1;
    }
    current.value = String(Number(current.value) + 1);
    return Number(current.value);
  }

  async extendIfEqual(key: string, value: string, ttlMs: number): Promise<boolean> {
    const current = this.live(key);
    if (current?.value !== value) return false;
    current.expiresAt = this.now() + ttlMs;
    return true;
  }

  async deleteIfEqual(key: string, value: string): Promise<boolean> {
    if (this.live(key)?.value !== value) return false;
    this.entries.delete(key);
    return true;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, value: string, ttlMs: number): void {
    // Delete first so a rewritten key moves to the end: insertion order stays roughly expiry order.
    this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) this.evict();
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
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
