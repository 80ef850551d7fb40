/**
 * Returns a function that runs tasks with at most `limit` slots in use, the rest waiting in order.
 * Used where a burst (100 files dropped at once) would otherwise start 100 costly things: the
 * plugins' file queue (`limit`) and the React previews. `limit` may be a getter, read each time a
 * task arrives or a slot frees, so a plugin's `setOptions({ limit })` applies to the files queued
 * after it.
 *
 * A task may take several slots (`weight`, default 1; more than `limit` counts as `limit`, so it runs
 * alone). The queue is first in, first out: a heavy task at its head waits for its slots and the
 * tasks behind it wait too, so a stream of light tasks never starves it.
 */
export function limitConcurrency(
  limit: number | (() => number),
): <T>(task: () => Promise<T>, weight?: number) => Promise<T> {
  const limitNow = () => Math.max(1, typeof limit === 'function' ? limit() : limit);
  let used = 0;
  const waiting: { weight: number; start: (taken: number) => void }[] = [];
  const startWaiting = () => {
    for (let head = waiting[0]; head; head = waiting[0]) {
      const taken = Math.min(head.weight, limitNow());
      if (used + taken > limitNow()) return;
      waiting.shift();
      used += taken;
      head.start(taken);
    }
  };
  return async <T>(task: () => Promise<T>, weight = 1): Promise<T> => {
    // The slots taken, as counted when the task started (the limit may change while it runs). With
    // slots free and nobody waiting the task starts now, in this call, as callers expect.
    const now = Math.min(weight, limitNow());
    let taken = now;
    if (waiting.length === 0 && used + now <= limitNow()) used += now;
    else taken = await new Promise<number>((start) => waiting.push({ weight, start }));
    try {
      return await task();
    } finally {
      used -= taken;
      startWaiting();
    }
  };
}
