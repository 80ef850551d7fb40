/**
 * Where one upload's time goes: uploads a file through our plugin twice (a cold and a warm page) and
 * prints every request the sandbox saw, arrival → answer in ms from the start of the measured call,
 * with its action, part number and body bytes. How the round trips of issue #20 were counted.
 *   node --conditions=source --import tsx bench/timeline.ts tencent 64 80   # provider, MiB, +ms
 * A fourth argument is the plugin's options as JSON, e.g. '{"verifyIntegrity":false}'.
 * TIMELINE_BANDWIDTH (bytes/s, default 12.5e6 = 100 Mbit/s) caps the link; latency 0 leaves it unshaped
 * only when TIMELINE_BANDWIDTH=0.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { clearFaults, logMark, requestLog, setFaults } from '../packages/uppy/tests/support/sandbox-admin.js';
import { writeRandomFile } from '../packages/uppy/tests/support/start-stack.js';
import { chromiumLaunchOptions } from '../playwright.config.js';
import { startReliabilityStack } from '../tests/reliability/support/reliability-stack.js';
import { measure, openBenchPage } from './support/bench-page.js';

const [provider = 'tencent', sizeMiB = '64', latencyMs = '80', options = '{}'] = process.argv.slice(2);
const bandwidth = Number(process.env.TIMELINE_BANDWIDTH ?? 12.5e6);
const faults = {
  ...(Number(latencyMs) > 0 ? { latencyMs: Number(latencyMs) } : {}),
  ...(bandwidth > 0 ? { bandwidthBytesPerSecond: bandwidth } : {}),
};
const stack = await startReliabilityStack({ pageRoot: join(import.meta.dirname, 'page'), production: true });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const path = join(stack.tmp, 'timeline.mp4');
  await writeRandomFile(path, Number(sizeMiB) * 2 ** 20, 7064);
  for (const run of ['cold', 'warm']) {
    await clearFaults(stack.sandboxUrl);
    if (Object.keys(faults).length) await setFaults(stack.sandboxUrl, faults);
    const since = await logMark(stack.sandboxUrl);
    const { context, page } = await openBenchPage(browser, stack.url, [path]);
    await page.evaluate(`window.bench.preload(${JSON.stringify(provider)})`);
    const result = await measure(page, `ours(${JSON.stringify(provider)}, ${options})`);
    // The upload's own start (after the SDK preload the measured call does first), in the page's clock.
    const startedAt = result.startedAtEpochMs ?? 0;
    console.log(`${run}: ${result.ms.toFixed(0)} ms${result.ok ? '' : ` failed: ${result.error}`}`);
    for (const r of await requestLog(stack.sandboxUrl, since)) {
      if (r.api === 'admin' || r.method === 'OPTIONS') continue;
      const answered = r.answeredAt === undefined ? '—' : String(r.answeredAt - startedAt);
      console.log(
        `  ${String(r.time - startedAt).padStart(6)} → ${answered.padStart(6)}  ${r.action ?? r.method} ${r.partNumber ?? ''} ${r.bytesIn} B ${r.status}`,
      );
    }
    await context.close();
  }
} finally {
  await browser.close();
  await stack.close();
}
