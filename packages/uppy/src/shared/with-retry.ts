import { backoffDelay, isVodUploadError } from '@vod-uploader/core';
import { abortedError, type UploadEnvironment } from './environment.js';
import type { RetryOptions } from './retry-options.js';

/** What {@link withRetry} needs besides the operation itself. */
export interface WithRetryOptions {
  retry: Required<RetryOptions>;
  env: UploadEnvironment;
  signal?: AbortSignal;
  /**
   * Called with a failure before it counts as an attempt. Resolve `true` after fixing its cause (e.g.
   * a refreshed credential) to try again at once; at most 3 times per operation, so a fix that does not
   * work cannot loop forever.
   */
  recover?: (error: unknown) => Promise<boolean>;
  /** The least wait the answer of a failure asked for (its `Retry-After`), ms; the backoff's when longer. */
  waitAskedBy?: (error: unknown) => number | undefined;
}

/** True when trying the same request again later may succeed. Unknown errors are not retried. */
export function isRetryable(error: unknown): boolean {
  return isVodUploadError(error) ? error.retryable && error.code !== 'aborted' : false;
}

/**
 * Runs `operation` until it succeeds, retrying retryable failures with exponential backoff and jitter,
 * and waiting for the browser to come back online first when it is offline. Rejects with the last error
 * once retries are spent, or with `aborted` as soon as `signal` aborts.
 */
export async function withRetry<T>(
  operation: (signal?: AbortSignal) => Promise<T>,
  options: WithRetryOptions,
): Promise<T> {
  const { retry, env, signal } = options;
  let attempt = 0;
  let recoveries = 0;
  for (;;) {
    if (signal?.aborted) throw abortedError();
    if (!env.isOnline()) await env.waitOnline(signal);
    try {
      return await operation(signal);
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      if (options.recover && recoveries < 3 && (await options.recover(error))) {
        recoveries += 1;
        continue;
      }
      if (!isRetryable(error) || attempt >= retry.retries) throw error;
      const backoff = backoffDelay(attempt, { baseMs: retry.baseDelayMs, maxMs: retry.maxDelayMs });
      const delay = Math.max(backoff, options.waitAskedBy?.(error) ?? 0);
      attempt += 1;
      await env.sleep(delay, signal);
    }
  }
}
