import { abortedError } from './environment.js';
import { type WithRetryOptions, withRetry } from './with-retry.js';

/** Options of {@link runPartQueue}. */
export interface PartQueueOptions<T> extends WithRetryOptions {
  /** How many items run at once. */
  concurrency: number;
  /**
   * Sends one item; each call is retried on its own with {@link withRetry}. It may call
   * `releaseLane` once its bytes are nearly sent: the item then stops counting against `flow.limit`
   * (not against `concurrency`), so the next item starts while this one's answer is on its way.
   */
  run: (item: T, signal: AbortSignal, releaseLane: () => void) => Promise<void>;
  /**
   * Consulted before each item starts: at most `flow.limit` items run at once (never more than
   * `concurrency`), and it is told of every start, stored item and failed attempt
   * (`InFlightController` from core). Without it, `concurrency` items run at once.
   */
  flow?: PartFlow;
  /** The bytes an item carries, for `flow` (default 1). */
  bytesOf?: (item: T) => number;
}

/** What {@link runPartQueue} tells an in-flight controller (core's `InFlightController`), and asks it. */
export interface PartFlow {
  readonly limit: number;
  partStarted(): void;
  partStored(bytes: number): void;
  partFailed(): void;
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
  let running = 0;
  // Running items whose lane was released: their last bytes are leaving, their answer is not back.
  let released = 0;
  let failure: { error: unknown } | undefined;
  const { flow } = options;
  // Lanes above the controller's limit wait here until a running item settles.
  const waiting: (() => void)[] = [];
  const wakeOne = () => waiting.shift()?.();
  stop.signal.addEventListener('abort', () => {
    for (const wake of waiting.splice(0)) wake();
  });
  const wakeFree = () => {
    for (let free = (flow?.limit ?? 0) - (running - released); free > 0 && waiting.length; free--) wakeOne();
  };
  const attempt = async (item: T, signal: AbortSignal) => {
    // Per attempt: a retried item sends all its bytes again, so it holds a lane again.
    let releasedHere = false;
    const releaseLane = () => {
      if (releasedHere || !flow) return;
      releasedHere = true;
      released += 1;
      wakeFree();
    };
    try {
      await options.run(item, signal, releaseLane);
    } catch (error) {
      flow?.partFailed();
      throw error;
    } finally {
      if (releasedHere) released -= 1;
    }
  };
  const worker = async () => {
    while (!stop.signal.aborted) {
      while (flow && running - released >= flow.limit && !stop.signal.aborted) {
        await new Promise<void>((wake) => waiting.push(wake));
      }
      if (stop.signal.aborted) return;
      const index = next++;
      if (index >= items.length) {
        // Nothing left to start: the lanes still waiting can stop too.
        for (const wake of waiting.splice(0)) wake();
        return;
      }
      const item = items[index] as T;
      running += 1;
      flow?.partStarted();
      try {
        await withRetry((signal) => attempt(item, signal ?? stop.signal), {
          ...options,
          signal: stop.signal,
        });
        flow?.partStored(options.bytesOf?.(item) ?? 1);
      } catch (error) {
        if (!failure && !stop.signal.aborted) failure = { error };
        stop.abort();
        return;
      } finally {
        running -= 1;
        // A grown limit lets several waiting lanes go.
        wakeFree();
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
