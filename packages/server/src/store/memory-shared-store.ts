import { ExpiringEntries } from './expiring-entries.js';
import type { SharedStore } from './shared-store.js';

/**
 * A `SharedStore` in this process's memory: the default for one instance. At most `maxKeys` live
 * entries (expired ones go first, then the oldest), so a flood of distinct keys cannot grow it
 * without bound. Behind a load balancer each instance would remember on its own: use a shared one.
 */
export class MemorySharedStore implements SharedStore {
  private readonly entries: ExpiringEntries<string>;

  constructor(
    maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new ExpiringEntries(maxKeys, now);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.entries.get(key)) return false;
    this.entries.set(key, value, ttlMs);
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, value, ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const current = this.entries.get(key);
    if (!current) {
      this.entries.set(key, '1', windowMs);
      return 1;
    }
    current.value = String(Number(current.value) + 1);
    return Number(current.value);
  }

  async extendIfEqual(key: string, value: string, ttlMs: number): Promise<boolean> {
    const current = this.entries.get(key);
    if (current?.value !== value) return false;
    current.expiresAt = this.now() + ttlMs;
    return true;
  }

  async deleteIfEqual(key: string, value: string): Promise<boolean> {
    if (this.entries.get(key)?.value !== value) return false;
    this.entries.delete(key);
    return true;
  }
}
