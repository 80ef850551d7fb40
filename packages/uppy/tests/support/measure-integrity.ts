/**
 * What the integrity checks cost in the browser: a 64 MB file through the harness into the sandbox,
 * with `verifyIntegrity` on and off, alternating, per provider. With it on, each part is read twice
 * (the XHR sends the Blob slice, the worker streams the same slice through the CRC). Reports the
 * upload time and the longest main-thread task (PerformanceObserver `longtask`). Not a test: run by hand,
 *   node --conditions=source --import tsx packages/uppy/tests/support/measure-integrity.ts
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../../playwright.config.js';
import { addFile, openHarness, upload } from './harness-page.js';
import { clearFaults, setFaults } from './sandbox-admin.js';
import { startStack, writeRandomFile } from './start-stack.js';

const MiB = 1024 * 1024;
const RUNS = Number(process.env.RUNS ?? 3);
const providers = (process.env.PROVIDERS ?? 'tencent,aliyun,s3').split(',') as (
  | 'tencent'
  | 'aliyun'
  | 's3'
)[];
const stack = await startStack();
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const path = join(stack.tmp, 'measure.mp4');
  await writeRandomFile(path, 64 * MiB, 3);
  const network = { latencyMs: 40, bandwidthBytesPerSecond: 64 * MiB };
  for (const provider of providers) {
    const results: Record<string, { seconds: number[]; longestTaskMs: number[] }> = {
      on: { seconds: [], longestTaskMs: [] },
      off: { seconds: [], longestTaskMs: [] },
    };
    for (let run = 0; run < RUNS * 2; run++) {
      const verify = run % 2 === 0;
      const page = await browser.newPage();
      await clearFaults(stack.sandboxUrl);
      await setFaults(stack.sandboxUrl, network);
      await openHarness(page, stack, provider, { resume: false, verifyIntegrity: verify });
      await page.evaluate(() => {
        const w = window as unknown as { longest: number };
        w.longest = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
        }).observe({ type: 'longtask', buffered: false });
      });
      await addFile(page, path);
      const started = Date.now();
      const outcome = await upload(page);
      const seconds = (Date.now() - started) / 1000;
      if ((outcome.failed ?? []).length > 0)
        throw new Error(`${provider} failed: ${JSON.stringify(outcome.failed)}`);
      const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
      const bucket = results[verify ? 'on' : 'off'] as { seconds: number[]; longestTaskMs: number[] };
      bucket.seconds.push(seconds);
      bucket.longestTaskMs.push(longest);
      await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      JSON.stringify({
        provider,
        ...network,
        runs: RUNS,
        verifiedSeconds: median(results.on?.seconds ?? []),
        unverifiedSeconds: median(results.off?.seconds ?? []),
        verifiedLongestTaskMs: median(results.on?.longestTaskMs ?? []),
        unverifiedLongestTaskMs: median(results.off?.longestTaskMs ?? []),
        raw: results,
      }),
    );
  }
} finally {
  await browser.close();
  await stack.close();
}
