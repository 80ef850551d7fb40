/**
 * What the endpoint's instances share: once-only effects, de-duplication windows, rate-limit
 * counters, event idempotency and leases. Every method is one atomic step on the store (Redis:
 * `SET NX PX`, `INCR` + `PEXPIRE`, a compare-and-set script), so two instances never both win.
 * Keys are namespaced by the caller of the store and always expire.
 */
export interface SharedStore {
  /** Sets `key` to `value` for `ttlMs` unless it exists; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** The value of `key`, or undefined when it is absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Sets `key` to `value` for `ttlMs`, whatever it held. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Adds one to `key`'s count in its window of `windowMs` (the first increment starts it). */
  increment(key: string, windowMs: number): Promise<number>;
  /** Extends `key` by `ttlMs` only while it still holds `value`; true when it did. */
  extendIfEqual(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only while it still holds `value`; true when it did. */
  deleteIfEqual(key: string, value: string): Promise<boolean>;
}
