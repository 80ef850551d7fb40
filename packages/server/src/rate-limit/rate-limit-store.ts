/**
 * Where the built-in rate limiter counts requests. One call per request: a store shared by several
 * instances (Redis `INCR` + `PEXPIRE`, a KV with TTL) makes the limit hold across all of them.
 */
export interface RateLimitStore {
  /**
   * Adds one to the count of `key` in its current window of `windowMs` and resolves with the new
   * count; the first increment of a key starts its window.
   */
  increment(key: string, windowMs: number): number | Promise<number>;
}
