/**
 * `npm run bench:matrix`: throughput over a size × latency matrix per provider, ours (integrity on,
 * the engine's defaults) beside the provider's SDK with its defaults and one raw PUT, interleaved in
 * the same run, medians with spreads. Writes the `matrix` section of bench/RESULTS.md.
 *
 * The full matrix (4 sizes × 3 links × 3 providers × 3 runs, 1 GiB at 100 Mbit/s is ~90 s an upload)
 * takes hours; a reduced one comes from the environment:
 *   BENCH_MATRIX_MB=8,64 BENCH_MATRIX_LATENCIES=0,80 BENCH_MATRIX_RUNS=2 npm run bench:matrix
 * BENCH_MATRIX_PROVIDERS=s3,tencent limits the providers; BENCH_MATRIX_BEFORE=1 adds the fixed
 * policy this replaced (8 MiB parts, 4 in flight) as another column, interleaved, for an A/B;
 * BENCH_MATRIX_CROSSOVER=1 adds ours forced to one PUT and to 4 parts (the single-PUT crossover).
 * BENCH_MATRIX_QUEUE=100 also uploads that many 1 MiB files through the engine and through
 * `<VodUploader autoProceed />` (the bench page's `ui()`), interleaved, per provider, and through
 * the engine at the old default of 2 files at once (`limit: 2`); BENCH_MATRIX_QUEUE_LATENCIES=0,80
 * runs it on loopback and at +80 ms, 100 Mbit/s (default loopback only).
 * BENCH_MATRIX_BLOCK=matrix-256 writes the results under that block instead of `matrix`.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import {
  clearFaults,
  deleteStoredObject,
  logMark,
  requestLog,
  setFaults,
  storedObjects,
} from '../packages/uppy/tests/support/sandbox-admin.js';
import { writeRandomFile } from '../packages/uppy/tests/support/start-stack.js';
import { chromiumLaunchOptions } from '../playwright.config.js';
import {
  type ReliabilityStack,
  startReliabilityStack,
} from '../tests/reliability/support/reliability-stack.js';
import { type Measured, measure, openBenchPage } from './support/bench-page.js';
import { writeResultsSection } from './support/results-section.js';
import { mbps, median, spread, table } from './support/stats.js';

const MiB = 1024 * 1024;
/** 100 Mbit/s in bytes per second: the shaped link. */
const LINK = 100e6 / 8;
const providers = ['tencent', 'aliyun', 's3'] as const;
type Provider = (typeof providers)[number];
const sdkCall: Record<Provider, string> = { tencent: 'cosSdk()', aliyun: 'ossSdk()', s3: 'awsS3()' };
const sdkName: Record<Provider, string> = {
  tencent: 'cos-js-sdk-v5',
  aliyun: 'ali-oss',
  s3: '@uppy/aws-s3 6',
};
/** The sandbox's faults for a link: +`latencyMs` per request at 100 Mbit/s, or loopback at 0. */
const linkFaults = (latencyMs: number): Record<string, unknown> =>
  latencyMs > 0 ? { latencyMs, bandwidthBytesPerSecond: LINK } : {};
/** A link as the tables name it. */
const linkLabel = (latencyMs: number): string =>
  latencyMs > 0 ? `+${latencyMs} ms, 100 Mbit/s` : 'loopback';
/** Ours with other plugin options, as extra columns. */
interface Variant {
  label: string;
  options: (sizeMiB: number) => Record<string, unknown>;
}
const BEFORE: Variant = {
  label: 'before: 8 MiB × 4',
  options: () => ({ partSize: 8 * MiB, concurrency: 4 }),
};
const CROSSOVER: Variant[] = [
  { label: 'ours, one PUT', options: (size) => ({ partSize: size * MiB }) },
  {
    label: 'ours, 4 parts',
    options: (size) => ({ partSize: Math.max(5 * MiB, Math.ceil((size * MiB) / 4)) }),
  },
];

/** What the matrix runs; every field has an environment knob (see the file's header). */
export interface MatrixOptions {
  sizesMiB: number[];
  /** 0 is loopback (no shaping); others are +ms per request at 100 Mbit/s. */
  latenciesMs: number[];
  runs: number;
  providers: Provider[];
  /** Also run the fixed 8 MiB × 4 policy, for an A/B in the same run. */
  before: boolean;
  /** Also run ours forced to one PUT and to 4 parts, to find the single-PUT crossover. */
  crossover: boolean;
  /** Files of 1 MiB queued at once through the engine and the UI (0: not run). */
  queue: number;
  /** Links the queue runs on, as `latenciesMs` (default loopback only). */
  queueLatenciesMs: number[];
}

/** The matrix options from the environment, defaulting to the issue's full matrix. */
export function matrixOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): MatrixOptions {
  const list = (name: string, fallback: string) => (env[name] ?? fallback).split(',').map((x) => x.trim());
  return {
    sizesMiB: list('BENCH_MATRIX_MB', '8,64,256,1024')
      .map(Number)
      .filter((n) => n > 0),
    latenciesMs: list('BENCH_MATRIX_LATENCIES', '0,80,300').map(Number),
    runs: Number(env.BENCH_MATRIX_RUNS ?? 3),
    providers: list('BENCH_MATRIX_PROVIDERS', providers.join(',')) as Provider[],
    before: env.BENCH_MATRIX_BEFORE === '1',
    crossover: env.BENCH_MATRIX_CROSSOVER === '1',
    queue: Number(env.BENCH_MATRIX_QUEUE ?? 0),
    queueLatenciesMs: list('BENCH_MATRIX_QUEUE_LATENCIES', '0').map(Number),
  };
}

/**
 * Runs the matrix against a running stack and browser; resolves the section's Markdown.
 * Each cell interleaves ours, the SDK and the raw PUT run by run, so a noisy moment hits all alike.
 */
export async function matrixSection(
  stack: ReliabilityStack,
  browser: Browser,
  options: MatrixOptions = matrixOptionsFromEnv(),
): Promise<string> {
  const out: string[] = [];
  const targets: string[] = [];
  const run = async <T extends Measured = Measured>(
    file: string | string[],
    call: string,
    faults: Record<string, unknown>,
  ): Promise<T> => {
    await clearFaults(stack.sandboxUrl);
    if (Object.keys(faults).length) await setFaults(stack.sandboxUrl, faults);
    const since = await logMark(stack.sandboxUrl);
    const { context, page } = await openBenchPage(
      browser,
      stack.url,
      typeof file === 'string' ? [file] : file,
    );
    try {
      const result = (await measure(page, call)) as T;
      if (!result.ok) console.error(`  ${call} failed: ${result.error}`);
      return result;
    } finally {
      await context.close();
      await clearFaults(stack.sandboxUrl);
      for (const { bucket, key } of storedObjects(await requestLog(stack.sandboxUrl, since)))
        await deleteStoredObject(stack.sandboxUrl, bucket, key);
    }
  };
  const files = new Map<number, string>();
  for (const size of options.sizesMiB) {
    const path = join(stack.tmp, `matrix-${size}.mp4`);
    await writeRandomFile(path, size * MiB, 7000 + size);
    files.set(size, path);
  }
  const variants = [...(options.before ? [BEFORE] : []), ...(options.crossover ? CROSSOVER : [])];
  // The queue alone (no sizes) has no provider tables to print.
  for (const provider of options.sizesMiB.length ? options.providers : []) {
    const rows: unknown[][] = [];
    for (const size of options.sizesMiB) {
      for (const latencyMs of options.latenciesMs) {
        const faults = linkFaults(latencyMs);
        const file = files.get(size) as string;
        const ours: Measured[] = [];
        const others: Measured[][] = variants.map(() => []);
        const sdk: Measured[] = [];
        const raw: Measured[] = [];
        const loads: number[] = [];
        for (let i = 0; i < options.runs; i++) {
          loads.push(loadavg()[0] ?? 0);
          ours.push(await run(file, `ours(${JSON.stringify(provider)})`, faults));
          for (const [v, variant] of variants.entries()) {
            const call = `ours(${JSON.stringify(provider)}, ${JSON.stringify(variant.options(size))})`;
            others[v]?.push(await run(file, call, faults));
          }
          sdk.push(await run(file, sdkCall[provider], faults));
          raw.push(await run(file, 'rawPut()', faults));
        }
        const bytes = size * MiB;
        const rates = (r: Measured[]) => r.filter((x) => x.ok).map((x) => mbps(bytes, x.ms));
        const capacity = latencyMs > 0 ? LINK / 1e6 : median(rates(raw));
        const share = median(rates(ours)) / capacity;
        const vsSdk = median(rates(ours)) / median(rates(sdk));
        const failed = (r: Measured[]) =>
          r.some((x) => !x.ok) ? ` (${r.filter((x) => !x.ok).length} failed)` : '';
        rows.push([
          `${size} MiB`,
          linkLabel(latencyMs),
          spread(rates(ours), 1) + failed(ours),
          ...others.map((r) => spread(rates(r), 1) + failed(r)),
          spread(rates(sdk), 1) + failed(sdk),
          spread(rates(raw), 1) + failed(raw),
          `${share.toFixed(2)} of ${latencyMs > 0 ? 'link' : 'raw PUT'}`,
          vsSdk.toFixed(2),
          spread(loads, 1),
        ]);
        const shareTarget = size < 64 || share >= 0.9 ? 'met' : `missed by ${(0.9 - share).toFixed(2)}`;
        targets.push(
          `- ${provider}, ${size} MiB, ${latencyMs > 0 ? `+${latencyMs} ms` : 'loopback'}: ${share.toFixed(2)} of capacity (≥ 0.9 from 64 MiB: ${size < 64 ? 'n/a' : shareTarget}); ours ÷ ${sdkName[provider]} ${vsSdk.toFixed(2)} (≥ 1: ${vsSdk >= 1 ? 'met' : 'missed'})`,
        );
        console.log(`${provider} ${size} MiB ${latencyMs} ms: ${rows.at(-1)?.join(' | ')}`);
      }
    }
    out.push(`### ${provider}: ours beside ${sdkName[provider]} and one raw PUT (MB/s, median (min–max))\n`);
    out.push(
      table(
        [
          'size',
          'link',
          'ours (integrity on)',
          ...variants.map((v) => v.label),
          `${sdkName[provider]} defaults`,
          'raw PUT',
          'ours ÷ capacity',
          'ours ÷ SDK',
          'load (1 min)',
        ],
        rows,
      ),
    );
    out.push('');
  }
  if (options.queue > 0) out.push(await queueSection(options, run, stack.tmp));
  const header = `## Size × latency matrix (${options.runs} run${options.runs === 1 ? '' : 's'} a cell, interleaved)

Written by \`npm run bench:matrix\` (bench/matrix.ts) on ${new Date().toISOString()}:
\`BENCH_MATRIX_MB=${options.sizesMiB.join(',')} BENCH_MATRIX_LATENCIES=${options.latenciesMs.join(',')} BENCH_MATRIX_RUNS=${options.runs} BENCH_MATRIX_PROVIDERS=${options.providers.join(',')}${options.before ? ' BENCH_MATRIX_BEFORE=1' : ''}${options.crossover ? ' BENCH_MATRIX_CROSSOVER=1' : ''}${options.queue > 0 ? ` BENCH_MATRIX_QUEUE=${options.queue} BENCH_MATRIX_QUEUE_LATENCIES=${options.queueLatenciesMs.join(',')}` : ''}\`.
Ours: the engine's defaults (transfer policy, in-flight controller, integrity on). Raw PUT: one XHR PUT of the whole file to a URL presigned by /s3/sign. Capacity: the link (100 Mbit/s = 12.5 MB/s) when shaped, the raw PUT's median on loopback. The sandbox delays every request (each API call, part and sign that reaches a cloud) by the latency, and caps all uploads together at the bandwidth. Load: the machine's 1-minute load average (2 cores, shared) before each run.
`;
  const targetList = targets.length ? `\n#### Targets\n\n${targets.join('\n')}\n` : '';
  return `${header}\n${out.join('\n')}${targetList}`;
}

type Run = <T extends Measured = Measured>(
  file: string | string[],
  call: string,
  faults: Record<string, unknown>,
) => Promise<T>;

let lastQueueRun = Number.NEGATIVE_INFINITY;

/**
 * Waits until a minute has passed since the previous queue run began: 100 files are 100 calls of
 * each per-file route (`/s3/complete`, commit), and the endpoint's default rate limit is 120 a
 * minute per caller and route, so back-to-back runs would measure 429s.
 */
async function spacedForRateLimit(): Promise<void> {
  const wait = lastQueueRun + 61_000 - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
  lastQueueRun = Date.now();
}

/**
 * `options.queue` files of 1 MiB through the engine, the engine at 2 files at once (the old default
 * `limit`) and the UI, interleaved, per provider and link.
 */
async function queueSection(options: MatrixOptions, run: Run, dir: string): Promise<string> {
  const files: string[] = [];
  for (let i = 0; i < options.queue; i++) {
    const path = join(dir, `queue-${String(i).padStart(3, '0')}.mp4`);
    await writeRandomFile(path, MiB, 9000 + i);
    files.push(path);
  }
  const rows: unknown[][] = [];
  type Ui = Measured & { addMs: number; longestAfterAddMs: number; uploaded: number };
  for (const latencyMs of options.queueLatenciesMs) {
    const faults = linkFaults(latencyMs);
    for (const provider of options.providers) {
      const engine: Measured[] = [];
      const twoAtOnce: Measured[] = [];
      const ui: Ui[] = [];
      const loads: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        loads.push(loadavg()[0] ?? 0);
        await spacedForRateLimit();
        engine.push(await run(files, `ours(${JSON.stringify(provider)})`, faults));
        await spacedForRateLimit();
        twoAtOnce.push(await run(files, `ours(${JSON.stringify(provider)}, { limit: 2 })`, faults));
        await spacedForRateLimit();
        ui.push(await run<Ui>(files, `ui(${JSON.stringify(provider)})`, faults));
      }
      const seconds = (r: Measured[]) => r.filter((x) => x.ok).map((x) => x.ms / 1000);
      // On a shaped link, the share of it the engine used: the bytes at the link's rate ÷ the time.
      const linkShare =
        latencyMs > 0 ? ((options.queue * MiB) / LINK / median(seconds(engine))).toFixed(2) : '—';
      rows.push([
        linkLabel(latencyMs),
        provider,
        spread(seconds(engine), 1),
        linkShare,
        spread(seconds(twoAtOnce), 1),
        spread(seconds(ui), 1),
        (median(seconds(ui)) / median(seconds(engine))).toFixed(2),
        spread(
          ui.map((x) => x.addMs),
          0,
        ),
        spread(
          ui.map((x) => x.longestAfterAddMs),
          0,
        ),
        `${ui.filter((x) => x.ok).length}/${ui.length}`,
        spread(loads, 1),
      ]);
      console.log(`queue ${provider} ${latencyMs} ms: ${rows.at(-1)?.join(' | ')}`);
    }
  }
  return `### ${options.queue} files of 1 MiB queued at once: engine vs \`<VodUploader autoProceed />\`\n\n${table(
    [
      'link',
      'provider',
      'engine s',
      'engine ÷ link',
      'engine, 2 files at once (the old `limit`) s',
      'UI s',
      'UI ÷ engine (target ≤ 1.2)',
      "adding them: the input's handler, ms",
      'longest task after adding, ms (target < 50)',
      'UI runs ok',
      'load (1 min)',
    ],
    rows,
  )}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const stack = await startReliabilityStack({
    pageRoot: join(import.meta.dirname, 'page'),
    production: true,
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const markdown = await matrixSection(stack, browser);
    // The queue alone (`BENCH_MATRIX_MB=none`) has its own block, so it does not replace the matrix's;
    // BENCH_MATRIX_BLOCK names another (e.g. `matrix-256` for cells run on their own).
    const queueOnly = matrixOptionsFromEnv().sizesMiB.length === 0;
    const path = writeResultsSection(
      process.env.BENCH_MATRIX_BLOCK ?? (queueOnly ? 'matrix-queue' : 'matrix'),
      `${markdown}\nThe run took ${((Date.now() - started) / 60000).toFixed(1)} min.`,
    );
    console.log(`wrote the matrix section of ${path}`);
  } finally {
    await browser.close();
    await stack.close();
  }
}
