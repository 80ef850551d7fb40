/**
 * Where the main thread's time goes when many small files upload (issue #20's UI path): uploads the
 * same files through the engine and through `<VodUploader autoProceed />` under V8's sampling
 * profiler and prints each run's time, the main thread's busy time (trace), and the functions with
 * the most self time, by script. How the UI's extra time was found.
 *   node --conditions=source --import tsx bench/profile-queue.ts s3 100   # provider, files of 1 MiB
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writeRandomFile } from '../packages/uppy/tests/support/start-stack.js';
import { chromiumLaunchOptions } from '../playwright.config.js';
import { startReliabilityStack } from '../tests/reliability/support/reliability-stack.js';
import { openBenchPage } from './support/bench-page.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const provider = process.argv[2] ?? 's3';
const count = Number(process.argv[3] ?? 100);
const stack = await startReliabilityStack({ pageRoot: join(import.meta.dirname, 'page'), production: true });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(stack.tmp, `q-${i}.mp4`);
    await writeRandomFile(path, 1 << 20, 9000 + i);
    files.push(path);
  }
  for (const [i, call] of [
    `ours(${JSON.stringify(provider)})`,
    `ui(${JSON.stringify(provider)})`,
  ].entries()) {
    // 100 files are 100 calls of each per-file route: the endpoint's limit is 120 a minute per route.
    if (i > 0) await new Promise((done) => setTimeout(done, 61_000));
    const { context, page } = await openBenchPage(browser, stack.url, files);
    const cdp = await context.newCDPSession(page);
    await page.evaluate(`window.bench.preload(${JSON.stringify(provider)})`);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const result = (await page.evaluate(`window.bench.${call}`)) as {
      ok: boolean;
      ms: number;
      error?: string;
    };
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const self = new Map<number, number>();
    for (const [i, id] of profile.samples.entries())
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    const byName = new Map<string, number>();
    const byScript = new Map<string, number>();
    for (const node of profile.nodes) {
      const us = self.get(node.id) ?? 0;
      const script = node.callFrame.url.split('/').pop() || '(native)';
      const name = `${node.callFrame.functionName || '(anonymous)'} ${script}:${node.callFrame.lineNumber}`;
      byName.set(name, (byName.get(name) ?? 0) + us);
      byScript.set(script, (byScript.get(script) ?? 0) + us);
    }
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
        .join('\n');
    console.log(`\n${call}: ${result.ok ? 'ok' : `FAILED (${result.error})`} in ${result.ms.toFixed(0)} ms`);
    console.log(`by script:\n${top(byScript, 8)}\nby function (self):\n${top(byName, 25)}`);
    await context.close();
  }
} finally {
  await browser.close();
  await stack.close();
}
