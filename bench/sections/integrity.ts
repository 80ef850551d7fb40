import { cpus, loadavg } from 'node:os';
import {
  type BenchContext,
  envNumber,
  MiB,
  ours,
  type Provider,
  providers,
} from '../support/bench-context.js';
import type { Measured } from '../support/bench-page.js';
import { type MainThreadTask, traceMainThread } from '../support/main-thread-trace.js';
import { mbps, median, spread, table } from '../support/stats.js';

/** Trace categories that name what a task ran: script evaluation and compilation show as sub-events. */
const EVALUATION_CATEGORIES =
  'toplevel,devtools.timeline,v8,v8.execute,disabled-by-default-devtools.timeline';
/** Sub-events of a task that are a script's (or module's) compilation or evaluation. */
const EVALUATION =
  /^(v8\.evaluateModule|EvaluateScript|v8\.compile|v8\.compileModule|v8\.run|CompileScript)$/;

interface Mode {
  ms: number[];
  cpu: number[];
  longestWall: number[];
  longestCpu: number[];
}

/**
 * Section `integrity` (issue #17): what checking every part and the object costs, per provider, on
 * loopback, in the same run: `BENCH_INTEGRITY_MB` (1024) per upload, `BENCH_INTEGRITY_RUNS` (3) pairs
 * of one unchecked and one checked upload (`verifyIntegrity: false` / default), alternating which goes
 * first (A/B, B/A, …) after one warm-up, so the machine's drift falls on both alike: their time and
 * the CPU of the whole stack. Then `BENCH_INTEGRITY_TRACED` (2) more of each under a main-thread
 * trace: the longest task (wall / CPU) with and without checking. Then the SDK's
 * preload on a fresh page, traced with script evaluation: main-thread tasks over 50 ms that evaluate
 * or compile script (the SDK chunk; nothing else runs then). With `linkMbit` (section
 * `integrity-link`: `BENCH_INTEGRITY_LINK_MBIT`, 400, and `BENCH_INTEGRITY_LINK_MB`, 256) the sandbox
 * caps the bandwidth: a link slower than the machine's CPU, where hashing is idle time, beside
 * loopback, where on 2 cores the CPU is the link.
 */
export async function integrity(ctx: BenchContext, linkMbit = 0): Promise<string> {
  const size =
    (linkMbit > 0 ? envNumber('BENCH_INTEGRITY_LINK_MB', 256) : envNumber('BENCH_INTEGRITY_MB', 1024)) * MiB;
  const pairs = envNumber('BENCH_INTEGRITY_RUNS', 3);
  const traces = envNumber('BENCH_INTEGRITY_TRACED', 2);
  const faults = linkMbit > 0 ? { bandwidthBytesPerSecond: (linkMbit * 1e6) / 8 } : {};
  const where = linkMbit > 0 ? `at ${linkMbit} Mbit/s` : 'on loopback';
  const file = await ctx.file('integrity.mp4', size, 11);
  const load: number[] = [];
  const sample = () => load.push(loadavg()[0] as number);
  sample();
  const sampler = setInterval(sample, 10_000);
  const rows: unknown[][] = [];
  const sdkRows: unknown[][] = [];
  const targets: string[] = [];
  const render = () =>
    [
      `## Integrity: what checking costs (${size / MiB} MiB ${where}, ${pairs} pairs, median (min–max))\n`,
      table(
        [
          'provider',
          'unchecked MB/s',
          'checked MB/s',
          'cost, % of time (per pair)',
          'CPU s per upload, unchecked → checked',
          'longest task unchecked, wall / CPU ms',
          'longest task checked, wall / CPU ms',
        ],
        rows,
      ),
      `\nEach pair is one unchecked (\`verifyIntegrity: false\`) and one checked upload of the same file through our plugin, in alternating order after one warm-up; cost = checked time ÷ unchecked time − 1 within the pair. CPU: user + system seconds of the whole stack (bench, sandbox, endpoint, every Chromium process) during the upload, from /proc: on a shared machine it moves much less with the load than wall time does. Checked: COS/OSS parts hashed (CRC-64/XZ) in the worker and compared with the bucket's answer, the object's CRC combined and compared with Complete's; S3 parts hashed (CRC32C) before signing, the header signed into each URL, the composite checksum compared. The longest task is the page's main thread under a Chromium trace (\`bench/support/main-thread-trace.ts\`), the SDK preloaded before the trace, in ${traces} traced runs of each kind apart from the timed pairs (a trace costs CPU in proportion to what it records, and the checked runs record more). Load average (1 min) during the section: ${spread(load, 2)} on ${cpus().length} cores.\n`,
      ...(linkMbit > 0
        ? []
        : [
            '### Provider SDK evaluation at idle (fresh page, traced)\n',
            table(
              [
                'provider',
                'preload, ms',
                'longest main-thread task, wall / CPU ms',
                'tasks over 50 ms evaluating script',
                'those tasks, wall ms',
              ],
              sdkRows,
            ),
          ]),
      `\nTargets:\n\n${targets.join('\n')}`,
    ].join('\n');
  try {
    for (const provider of providers) {
      const modes = { on: empty(), off: empty() };
      const costs: number[] = [];
      const preload = `window.bench.preload(${JSON.stringify(provider)})`;
      const call = (verify: boolean) => ours(provider, { verifyIntegrity: verify });
      const failed = (verify: boolean, r: Measured) =>
        new Error(`${provider} (checked: ${verify}) failed: ${r.error}`);
      const once = async (verify: boolean): Promise<Measured & { cpuSeconds: number }> => {
        const r = await ctx.timed([file], call(verify), { before: preload, faults });
        if (!r.result.ok) throw failed(verify, r.result);
        return { ...r.result, cpuSeconds: r.cpuSeconds };
      };
      await once(true); // warm-up: the worker's chunk, hash-wasm, the page cache of the file
      for (let i = 0; i < pairs; i++) {
        const order = i % 2 === 0 ? [false, true] : [true, false];
        const pair: Record<string, number> = {};
        for (const verify of order) {
          const r = await once(verify);
          const mode = verify ? modes.on : modes.off;
          mode.ms.push(r.ms);
          mode.cpu.push(r.cpuSeconds);
          pair[String(verify)] = r.ms;
        }
        costs.push(((pair.true as number) / (pair.false as number) - 1) * 100);
      }
      // The longest tasks from runs of their own: a trace costs CPU in proportion to the events it
      // records (the checked run's worker adds many), so traced runs would overstate the time cost.
      for (let i = 0; i < traces; i++) {
        for (const verify of i % 2 === 0 ? [false, true] : [true, false]) {
          const r = await ctx.traced([file], call(verify), { before: preload, faults });
          if (!r.result.ok) throw failed(verify, r.result);
          const mode = verify ? modes.on : modes.off;
          mode.longestWall.push(r.longest.wallMs);
          mode.longestCpu.push(r.longest.cpuMs);
        }
      }
      const rate = (m: Mode) => m.ms.map((ms) => mbps(size, ms));
      rows.push([
        provider,
        spread(rate(modes.off), 0),
        spread(rate(modes.on), 0),
        spread(costs, 1),
        `${spread(modes.off.cpu, 1)} → ${spread(modes.on.cpu, 1)}`,
        `${spread(modes.off.longestWall, 0)} / ${spread(modes.off.longestCpu, 0)}`,
        `${spread(modes.on.longestWall, 0)} / ${spread(modes.on.longestCpu, 0)}`,
      ]);
      const cost = median(costs);
      const onWall = median(modes.on.longestWall);
      const offWall = median(modes.off.longestWall);
      const costTarget = `cost ${cost.toFixed(1)} % (target ≤ 5 %: ${cost <= 5 ? 'met' : `missed by ${(cost - 5).toFixed(1)}`}); longest task ${onWall.toFixed(0)} ms checked vs ${offWall.toFixed(0)} ms unchecked (target: not longer: ${onWall <= offWall ? 'met' : `longer by ${(onWall - offWall).toFixed(0)} ms`})`;
      // The SDK's evaluation does not depend on the link: measured once, in the loopback section.
      if (linkMbit > 0) {
        targets.push(`- ${provider}: ${costTarget}`);
        ctx.partial(render());
        continue;
      }
      const sdk = await sdkEvaluation(ctx, provider);
      const sdkRow = (label: string, s: typeof sdk) => [
        label,
        s.ms.toFixed(0),
        `${(s.longest?.wallMs ?? 0).toFixed(0)} / ${(s.longest?.cpuMs ?? 0).toFixed(0)}`,
        s.evaluating.length,
        s.evaluating.map((t) => `${t.wallMs.toFixed(0)} (${t.cpuMs.toFixed(0)} CPU)`).join(', ') || '—',
      ];
      sdkRows.push(sdkRow(provider, sdk));
      // Where no worker can run, ali-oss is evaluated on the page: the way it always was before.
      if (provider === 'aliyun')
        sdkRows.push(
          sdkRow('aliyun, no Worker (ali-oss on the page)', await sdkEvaluation(ctx, provider, false)),
        );
      targets.push(
        `- ${provider}: ${costTarget}; SDK evaluation tasks over 50 ms: ${sdk.evaluating.length} (target 0: ${sdk.evaluating.length === 0 ? 'met' : 'missed'})`,
      );
      ctx.partial(render());
    }
  } finally {
    clearInterval(sampler);
  }
  sample();
  return render();
}

function empty(): Mode {
  return { ms: [], cpu: [], longestWall: [], longestCpu: [] };
}

/**
 * Preloads `provider`'s SDK on a fresh page under a trace; the tasks over 50 ms that evaluate script.
 * `workers: false` hides `Worker` from the page (the fallback: ali-oss evaluated on the page).
 */
async function sdkEvaluation(
  ctx: BenchContext,
  provider: Provider,
  workers = true,
): Promise<{ ms: number; longest: MainThreadTask | undefined; evaluating: MainThreadTask[] }> {
  const context = await ctx.browser.newContext();
  if (!workers)
    await context.addInitScript(() => {
      (globalThis as { Worker?: unknown }).Worker = undefined;
    });
  const page = await context.newPage();
  await page.goto(ctx.stack.url);
  await page.waitForSelector('body[data-ready="true"]');
  try {
    const started = Date.now();
    const { tasks, events } = await traceMainThread(
      page,
      () => page.evaluate(`window.bench.preload(${JSON.stringify(provider)})`),
      { categories: EVALUATION_CATEGORIES, minMs: 0 },
    );
    const ms = Date.now() - started;
    const evaluating = tasks.filter(
      (task) =>
        task.wallMs > 50 &&
        events.some(
          (e) =>
            EVALUATION.test(e.name) &&
            e.pid === task.event.pid &&
            e.tid === task.event.tid &&
            e.ts >= task.event.ts &&
            e.ts < task.event.ts + task.event.dur,
        ),
    );
    return { ms, longest: tasks[0], evaluating };
  } finally {
    await context.close();
  }
}
