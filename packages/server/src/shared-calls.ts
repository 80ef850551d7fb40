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
    this.calls.set(key, { promise, expires: now + this.ttlMs });
    promise.catch(() => this.calls.delete(key));
    return promise;
  }

  private evict(now: number): void {
    for (const [key, entry] of this.calls) if (entry.expires <= now) this.calls.delete(key);
    // Still full: drop the oldest (insertion order).
    if (this.calls.size >= this.limit) this.calls.delete(this.calls.keys().next().value as string);
  }
}
