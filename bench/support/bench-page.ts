import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** The timings the bench page's functions resolve with. */
export interface Timing {
  ok: boolean;
  ms: number;
  firstByteMs?: number;
  /** When the clock started, in the page's `Date.now()` (the timeline lines the sandbox's log up with it). */
  startedAtEpochMs?: number;
  error?: string;
  /** Ours only: loading the provider's SDK chunk before the clock starts (the plugin does it at idle). */
  preload?: { ms: number; longestTaskMs: number };
}

/** What a measured run adds: the page's longest task and the JS heap's growth (CDP). */
export interface Measured extends Timing {
  longestTaskMs: number;
  heapGrowthBytes: number;
}

/** A fresh context (own IndexedDB) on the bench page, with the files chosen. */
export async function openBenchPage(
  browser: Browser,
  url: string,
  files: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.setInputFiles('#file', files);
  return { context, page };
}

/**
 * Runs `call` (an expression on `window.bench`) and samples the used JS heap every 200 ms through CDP
 * `Performance.getMetrics`, after a forced GC for the baseline; long tasks come from the page's own
 * PerformanceObserver.
 */
export async function measure(page: Page, call: string): Promise<Measured> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const baseline = await heap();
  let peak = baseline;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await heap().catch(() => peak));
      await new Promise((done) => setTimeout(done, 200));
    }
  })();
  await page.evaluate('window.bench.resetLongTasks()');
  const timing = (await page.evaluate(`window.bench.${call}`)) as Timing;
  sampling = false;
  await sampler;
  const longestTaskMs = (await page.evaluate('window.bench.longestTask()')) as number;
  await cdp.detach();
  return { ...timing, longestTaskMs, heapGrowthBytes: Math.max(0, peak - baseline) };
}
