import { abortedError } from './environment.js';
import { type WithRetryOptions, withRetry } from './with-retry.js';

/** Options of {@link runPartQueue}. */
export interface PartQueueOptions<T> extends WithRetryOptions {
  /** How many items run at once. */
  concurrency: number;
  /** Sends one item; each call is retried on its own with {@link withRetry}. */
  run: (item: T, signal: AbortSignal) => Promise<void>;
}

/**
 * Runs `items` with bounded concurrency, each retried individually: one bad part never fails the
 * file until its own retries are spent. The first part that fails for good aborts the others and
 * rejects the queue with its error; aborting `signal` rejects with `aborted`. Always settles only after
 * every running item has stopped, so no request outlives the queue.
 */
export async function runPartQueue<T>(items: readonly T[], options: PartQueueOptions<T>): Promise<void> {
  const stop = new AbortController();
  const outer = options.signal;
  const onOuterAbort = () => stop.abort();
  if (outer?.aborted) throw abortedError();
  outer?.addEventListener('abort', onOuterAbort, { once: true });

  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!stop.signal.aborted) {
      const index = next++;
      if (index >= items.length) return;
      const item = items[index] as T;
      try {
        await withRetry((signal) => options.run(item, signal ?? stop.signal), {
          ...options,
          signal: stop.signal,
        });
      } catch (error) {
        if (!failure && !stop.signal.aborted) failure = { error };
        stop.abort();
        return;
      }
    }
  };
  try {
    const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, items.length)) }, worker);
    await Promise.all(workers);
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
  }
  if (outer?.aborted) throw abortedError();
  if (failure) throw failure.error;
}
