/**
 * What a long main-thread task is made of: uploads one file with our plugin twice (fresh page each
 * time) under a Chromium trace and prints every task over 30 ms, its wall and CPU time, with its
 * sub-events over 5 ms (module evaluation, GC, microtasks…). This is how the ali-oss evaluation was
 * found, and how the remaining long tasks were seen to be waits for a core, not work.
 *   node --conditions=source --import tsx bench/trace-long-tasks.ts aliyun 64   # provider, MiB
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writeRandomFile } from '../packages/uppy/tests/support/start-stack.js';
import { chromiumLaunchOptions } from '../playwright.config.js';
import { startReliabilityStack } from '../tests/reliability/support/reliability-stack.js';
import { openBenchPage } from './support/bench-page.js';
import { traceMainThread } from './support/main-thread-trace.js';

const provider = process.argv[2] ?? 'aliyun';
const mb = Number(process.argv[3] ?? 64);
const ms = (us: number | undefined) => ((us ?? 0) / 1000).toFixed(1);
const stack = await startReliabilityStack({ pageRoot: join(import.meta.dirname, 'page'), production: true });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const file = join(stack.tmp, 'f.mp4');
  await writeRandomFile(file, mb * 1024 * 1024, 1);
  for (let round = 0; round < 2; round++) {
    const { context, page } = await openBenchPage(browser, stack.url, [file]);
    const { result, tasks, events } = await traceMainThread(
      page,
      () => page.evaluate(`window.bench.ours(${JSON.stringify(provider)})`),
      {
        categories:
          'toplevel,devtools.timeline,v8,v8.execute,disabled-by-default-devtools.timeline,disabled-by-default-v8.gc,blink',
        minMs: 30,
      },
    );
    console.log('round', round, JSON.stringify(result));
    for (const { event: task, wallMs, cpuMs } of tasks) {
      console.log(`task ${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms on CPU`);
      const kids = events.filter(
        (e) =>
          e.pid === task.pid &&
          e.tid === task.tid &&
          e.ts >= task.ts &&
          e.ts <= task.ts + task.dur &&
          e.dur > 5000 &&
          e !== task,
      );
      for (const k of kids)
        console.log(
          `   ${k.name} ${ms(k.dur)} wall ${ms(k.tdur)} cpu ${JSON.stringify(k.args?.data ?? k.args ?? {}).slice(0, 200)}`,
        );
    }
    await context.close();
  }
} finally {
  await browser.close();
  await stack.close();
}
