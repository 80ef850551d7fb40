/**
 * `npm run bench:integrity`: what checking every part and the object costs, per provider, in the same
 * run: the same file through the harness into the sandbox on loopback, `verifyIntegrity` on and off,
 * alternating. Reports throughput, its cost (target ≤ 5 %) and the longest main-thread task during
 * the upload (target: not longer than without checking). Separate from `npm run bench` (the
 * integrator folds it in); defaults are the 1 GiB, 3 runs each way:
 *   BENCH_MB=64 BENCH_RUNS=1 npm run bench:integrity     # a quick look
 * Writes bench/RESULTS-integrity.md (BENCH_OUT to change).
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { addFile, openHarness, upload } from '../packages/uppy/tests/support/harness-page.js';
import {
  clearFaults,
  deleteStoredObject,
  logMark,
  requestLog,
  storedObjects,
} from '../packages/uppy/tests/support/sandbox-admin.js';
import { startStack, writeRandomFile } from '../packages/uppy/tests/support/start-stack.js';
import { chromiumLaunchOptions } from '../playwright.config.js';
import { mbps, median, table } from './support/stats.js';

const here = dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_MB ?? 1024) * MiB;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const OUT = resolve(here, process.env.BENCH_OUT ?? 'RESULTS-integrity.md');
const providers = ['tencent', 'aliyun', 's3'] as const;

const stack = await startStack();
const browser = await chromium.launch(chromiumLaunchOptions);
const rows: string[][] = [];
try {
  const path = join(stack.tmp, 'integrity.mp4');
  await writeRandomFile(path, SIZE, 11);
  for (const provider of providers) {
    const runs = {
      on: { seconds: [] as number[], task: [] as number[] },
      off: { seconds: [] as number[], task: [] as number[] },
    };
    // Run -1 warms up (module transforms, the worker, the SDK chunk) and is not counted; then the
    // two modes alternate, unchecked first, so neither gets the cold start.
    for (let run = -1; run < RUNS * 2; run++) {
      const verify = run % 2 === 1;
      const page = await browser.newPage();
      await clearFaults(stack.sandboxUrl);
      await openHarness(page, stack, provider, { resume: false, verifyIntegrity: verify });
      await page.evaluate(() => {
        const w = window as unknown as { longest: number };
        w.longest = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
        }).observe({ type: 'longtask' });
      });
      const since = await logMark(stack.sandboxUrl);
      await addFile(page, path);
      const started = performance.now();
      const outcome = await upload(page);
      const seconds = (performance.now() - started) / 1000;
      if ((outcome.failed ?? []).length > 0)
        throw new Error(`${provider}: ${JSON.stringify(outcome.failed)}`);
      const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
      await page.close();
      // Frees the disk: a full run writes GiBs.
      for (const o of storedObjects(await requestLog(stack.sandboxUrl, since)))
        await deleteStoredObject(stack.sandboxUrl, o.bucket, o.key);
      if (run < 0) continue;
      const bucket = verify ? runs.on : runs.off;
      bucket.seconds.push(seconds);
      bucket.task.push(longest);
    }
    const on = median(runs.on.seconds);
    const off = median(runs.off.seconds);
    rows.push([
      provider,
      `${mbps(SIZE, on * 1000).toFixed(0)} MB/s`,
      `${mbps(SIZE, off * 1000).toFixed(0)} MB/s`,
      `${(((on - off) / off) * 100).toFixed(1)} %`,
      `${median(runs.on.task).toFixed(0)} ms`,
      `${median(runs.off.task).toFixed(0)} ms`,
    ]);
  }
} finally {
  await browser.close();
  await stack.close();
}
const report = [
  `# Integrity cost (${SIZE / MiB} MiB per upload, median of ${RUNS} each way, loopback)`,
  '',
  table(
    ['provider', 'checked', 'unchecked', 'time cost', 'longest task, checked', 'longest task, unchecked'],
    rows,
  ),
  '',
].join('\n');
console.log(report);
await writeFile(OUT, report);
