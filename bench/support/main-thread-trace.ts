import type { Page } from 'playwright-core';

/** One Chromium trace event (the fields these benchmarks read). */
export interface TraceEvent {
  name: string;
  pid: number;
  tid: number;
  /** µs */
  ts: number;
  /** Wall time, µs. */
  dur: number;
  /** The thread's own CPU time within the event, µs. */
  tdur?: number;
  args?: { data?: unknown; name?: string };
}

/** A task of the page's main thread: how long it blocked input, and how much of that was its own CPU. */
export interface MainThreadTask {
  wallMs: number;
  cpuMs: number;
  event: TraceEvent;
}

/** Only the top-level tasks: what a PerformanceObserver `longtask` sees, plus their CPU time. */
export const LIGHT_CATEGORIES = 'toplevel,disabled-by-default-devtools.timeline';

/**
 * Runs `work` under a CDP trace of the page's renderer and returns its main thread's tasks over
 * `minMs`, longest first. Wall time against CPU time tells a task that computed from one that only
 * waited for a core: on a 2-core machine that also runs the sandbox and the endpoint, an upload keeps
 * both cores busy, and the main thread is descheduled mid-task.
 */
export async function traceMainThread<T>(
  page: Page,
  work: () => Promise<T>,
  options: { categories?: string; minMs?: number } = {},
): Promise<{ result: T; tasks: MainThreadTask[]; events: TraceEvent[] }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', {
    categories: options.categories ?? LIGHT_CATEGORIES,
    transferMode: 'ReportEvents',
  });
  let result: T;
  try {
    result = await work();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const mainThreads = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const minUs = (options.minMs ?? 0) * 1000;
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.dur > minUs && mainThreads.has(`${e.pid}:${e.tid}`))
    .map((event) => ({ wallMs: event.dur / 1000, cpuMs: (event.tdur ?? 0) / 1000, event }))
    .sort((a, b) => b.wallMs - a.wallMs);
  return { result, tasks, events };
}
