/**
 * Shares one call's outcome between identical requests for a while (keyed by a dedup id), so a
 * double submit never reaches the cloud twice. A failed call is forgotten at once.
 */
export class SharedCalls<T> {
  private readonly calls = new Map<string, { promise: Promise<T>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly limit = 10_000,
  ) {}

  run(key: string, call: () => Promise<T>, now = Date.now()): Promise<T> {
    const existing = this.calls.get(key);
    if (existing && existing.expires > now) return existing.promise;
    if (this.calls.size >= this.limit) this.evict(now);
    const promise = call();
    // Delete first so a renewed key moves to the end, keeping insertion order = expiry order.
    this.calls.delete(key);
    this.calls.set(key, { promise, expires: now + this.ttlMs });
    promise.catch(() => {
      if (this.calls.get(key)?.promise === promise) this.calls.delete(key);
    });
    return promise;
  }

  /**
   * Entries share one TTL, so insertion order is expiry order: drop expired ones from the front and
   * stop at the first live one; if still full, drop the oldest. O(1) amortised per call.
   */
  private evict(now: number): void {
    for (const [key, entry] of this.calls) {
      if (entry.expires > now) break;
      this.calls.delete(key);
    }
    if (this.calls.size >= this.limit) this.calls.delete(this.calls.keys().next().value as string);
  }
}
