/** How failed requests are retried. Every field has a default; see {@link DEFAULT_RETRY}. */
export interface RetryOptions {
  /**
   * Retries per request (per part, per control call) after the first attempt. 5 rides out a flaky
   * link or a short outage of a few seconds without hiding a permanent failure for minutes.
   */
  retries?: number;
  /** First backoff delay; it doubles each retry, with jitter. */
  baseDelayMs?: number;
  /** Ceiling of the backoff delay. */
  maxDelayMs?: number;
  /**
   * A request fails when no byte moved for this long. It is an idle timeout, not a total one, so a
   * large part on a slow link is never cut off while it is making progress.
   */
  idleTimeoutMs?: number;
}

/** The defaults of {@link RetryOptions}. */
const DEFAULT_RETRY: Required<RetryOptions> = {
  retries: 5,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  idleTimeoutMs: 30_000,
};

/** Fills the defaults in. */
export function resolveRetry(options: RetryOptions | undefined): Required<RetryOptions> {
  return { ...DEFAULT_RETRY, ...options };
}
