/**
 * Runs `task` once the browser is idle (`requestIdleCallback`, at most `timeoutMs` later), or after
 * `timeoutMs` where idle callbacks are missing (Safari). Returns a function that cancels it.
 * Outside a browser (SSR, unit tests without a DOM) it does nothing.
 */
export function whenIdle(task: () => void, timeoutMs: number): () => void {
  const g = globalThis as {
    window?: unknown;
    requestIdleCallback?: (run: () => void, options: { timeout: number }) => number;
    cancelIdleCallback?: (handle: number) => void;
  };
  if (g.window === undefined) return () => {};
  if (g.requestIdleCallback && g.cancelIdleCallback) {
    const handle = g.requestIdleCallback(task, { timeout: timeoutMs });
    const cancel = g.cancelIdleCallback;
    return () => cancel(handle);
  }
  const timer = setTimeout(task, timeoutMs);
  return () => clearTimeout(timer);
}
