/** Options of `backoffDelay`. */
export interface BackoffOptions {
  /** Delay before the first retry, before jitter. Default 500 ms. */
  baseMs?: number;
  /** Upper bound of any delay. Default 20 s: longer waits look like a hang to users. */
  maxMs?: number;
  /**
   * Share of the delay that is random, 0..1. 1 is "full jitter" (0..delay), 0 none. Default 0.5:
   * spreads retries of many parts hitting one throttled bucket without making any wait tiny.
   */
  jitter?: number;
}

/**
 * The wait before retry number `attempt` (0 = first retry): `baseMs · 2^attempt`, capped at `maxMs`,
 * of which the `jitter` share is random.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 * @example
 * await sleep(backoffDelay(attempt)); // ~250-500 ms, then 500-1000 ms, ...
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { baseMs = 500, maxMs = 20_000 } = options;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const exponent = Math.max(0, Math.floor(attempt));
  // 2^exponent overflows to Infinity for huge attempts; the cap keeps it finite.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 52));
  const fixed = ceiling * (1 - jitter);
  return Math.round(fixed + ceiling * jitter * Math.min(1, Math.max(0, random())));
}
