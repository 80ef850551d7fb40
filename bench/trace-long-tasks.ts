/**
 * What a long main-thread task is made of: uploads one file with our plugin twice (fresh page each
 * time) under a Chromium trace and prints every task over 30 ms with its sub-events over 5 ms
 * (module evaluation, GC, microtasks…). This is how the ali-oss evaluation was found.
 *   node --conditions=source --import tsx bench/trace-long-tasks.ts aliyun 64   # provider, MiB
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writeRandomFile } from '../packages/uppy/tests/support/start-stack.js';
import { chromiumLaunchOptions } from '../playwright.config.js';
import { startReliabilityStack } from '../tests/reliability/support/reliability-stack.js';
import { openBenchPage } from './support/bench-page.js';

const provider = process.argv[2] ?? 'aliyun';
const mb = Number(process.argv[3] ?? 64);
const stack = await startReliabilityStack({ pageRoot: join(import.meta.dirname, 'page'), production: true });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const file = join(stack.tmp, 'f.mp4');
  await writeRandomFile(file, mb * 1024 * 1024, 1);
  for (let round = 0; round < 2; round++) {
    const { context, page } = await openBenchPage(browser, stack.url, [file]);
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', {
      categories:
        'devtools.timeline,v8,v8.execute,disabled-by-default-devtools.timeline,disabled-by-default-v8.gc,blink',
      transferMode: 'ReportEvents',
    });
    const t = await page.evaluate(`window.bench.ours(${JSON.stringify(provider)})`);
    await cdp.send('Tracing.end');
    await done;
    console.log('round', round, JSON.stringify(t));
    const main = events.filter((e) => e.name === 'RunTask' && e.dur > 30000);
    for (const task of main) {
      const kids = events.filter(
        (e) =>
          e.pid === task.pid &&
          e.tid === task.tid &&
          e.ts >= task.ts &&
          e.ts <= task.ts + task.dur &&
          e.dur > 5000 &&
          e !== task,
      );
      console.log(`task ${(task.dur / 1000).toFixed(1)} ms tid=${task.tid}`);
      for (const k of kids)
        console.log(
          `   ${k.name} ${(k.dur / 1000).toFixed(1)} ${JSON.stringify(k.args?.data ?? k.args ?? {}).slice(0, 200)}`,
        );
    }
    await context.close();
  }
} finally {
  await browser.close();
  await stack.close();
}

interface TraceEvent {
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur: number;
  args?: { data?: unknown };
}
