/**
 * Returns a function that runs tasks with at most `limit` of them in flight, the rest waiting in
 * order. Used where a burst (100 files dropped at once) would otherwise start 100 costly things: the
 * plugins' file queue (`limit`) and the React previews. `limit` may be a getter, read each time a
 * task arrives, so a plugin's `setOptions({ limit })` applies to the files queued after it.
 */
export function limitConcurrency(limit: number | (() => number)): <T>(task: () => Promise<T>) => Promise<T> {
  const limitNow = typeof limit === 'function' ? limit : () => limit;
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limitNow()) await new Promise<void>((start) => waiting.push(start));
    else running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next task, or free it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
