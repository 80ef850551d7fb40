import {
  type BenchContext,
  envNumber,
  MiB,
  ours,
  type Provider,
  providers,
} from '../support/bench-context.js';
import type { Measured } from '../support/bench-page.js';
import { mbps, median, spread, table } from '../support/stats.js';

const sdkCall: Record<Provider, string> = { tencent: 'cosSdk()', aliyun: 'ossSdk()', s3: 'awsS3()' };
const sdkName: Record<Provider, string> = {
  tencent: 'cos-js-sdk-v5 sliceUploadFile',
  aliyun: 'ali-oss multipartUpload',
  s3: '@uppy/aws-s3 6',
};

/**
 * Section `throughput`: ours against one raw PUT and against each cloud's SDK with its defaults, on
 * loopback, interleaved so a noisy moment of the shared machine hits all three alike; then the main
 * thread and heap during the same uploads, plus one upload under a Chromium trace (wall against CPU).
 * `BENCH_MB` (1024) per upload, `BENCH_RUNS` (5) runs each.
 */
export async function throughput(ctx: BenchContext): Promise<string> {
  const size = envNumber('BENCH_MB', 1024) * MiB;
  const runs = envNumber('BENCH_RUNS', 5);
  const big = await ctx.file('big.mp4', size, 1);
  const lines: string[] = [`## Throughput on loopback (${size / MiB} MiB, ${runs} runs, median (min–max))\n`];
  const targets: string[] = [];
  const loopRows: unknown[][] = [];
  const taskRows: unknown[][] = [];
  for (const provider of providers) {
    const o: Measured[] = [];
    const raw: Measured[] = [];
    const sdk: Measured[] = [];
    for (let i = 0; i < runs; i++) {
      o.push(await ctx.run([big], ours(provider)));
      raw.push(await ctx.run([big], 'rawPut()'));
      sdk.push(await ctx.run([big], sdkCall[provider]));
    }
    const rate = (r: Measured[]) => r.filter((x) => x.ok).map((x) => mbps(size, x.ms));
    const ratios = (a: Measured[], b: Measured[]) =>
      a.map((x, i) => (x.ok && b[i]?.ok ? (b[i] as Measured).ms / x.ms : Number.NaN)).filter(Number.isFinite);
    const vsRaw = ratios(o, raw);
    const vsSdk = ratios(o, sdk);
    loopRows.push([
      provider,
      spread(rate(o), 0),
      spread(rate(raw), 0),
      `${spread(rate(sdk), 0)} (${sdk.filter((x) => x.ok).length}/${runs} ok)`,
      spread(vsRaw),
      spread(vsSdk),
    ]);
    // One more upload under a main-thread trace: how much of its longest task was the thread's own CPU.
    const traced = await ctx.traced([big], ours(provider), {
      before: `window.bench.preload(${JSON.stringify(provider)})`,
    });
    taskRows.push([
      provider,
      spread(
        o.map((x) => x.longestTaskMs),
        0,
      ),
      `${traced.longest.wallMs.toFixed(0)} / ${traced.longest.cpuMs.toFixed(0)}`,
      traced.maxCpuMs.toFixed(0),
      spread(
        o.map((x) => x.heapGrowthBytes / MiB),
        1,
      ),
      spread(
        o.map((x) => x.preload?.ms ?? 0),
        0,
      ),
      spread(
        o.map((x) => x.preload?.longestTaskMs ?? 0),
        0,
      ),
    ]);
    targets.push(
      `- ${provider}: ours ÷ raw PUT = ${median(vsRaw).toFixed(2)} (target ≥ 0.9: ${median(vsRaw) >= 0.9 ? 'met' : `missed by ${(0.9 - median(vsRaw)).toFixed(2)}`}); ours ÷ ${sdkName[provider]} = ${median(vsSdk).toFixed(2)}× (target ≥ 1.5×: ${median(vsSdk) >= 1.5 ? 'met' : `missed by ${(1.5 - median(vsSdk)).toFixed(2)}`})`,
    );
  }
  lines.push(
    table(
      ['provider', 'ours MB/s', 'raw PUT MB/s', 'SDK defaults MB/s', 'ours ÷ raw PUT', 'ours ÷ SDK'],
      loopRows,
    ),
    `\nOurs: 8 MiB parts, 4 in flight (the engine's defaults). Raw PUT: one XHR PUT of the whole file to a URL presigned by /s3/sign. SDKs: ${providers.map((p) => sdkName[p]).join(', ')}, each with its own defaults.\n`,
    `\n### Main thread and heap during the same uploads (ours, ${size / MiB} MiB)\n`,
    table(
      [
        'provider',
        'longest task during the upload, ms',
        'traced run: longest task, wall / CPU ms',
        'traced run: most CPU in one task, ms',
        'JS heap growth MiB',
        'SDK preload at idle, ms',
        'longest task of the preload, ms',
      ],
      taskRows,
    ),
    "\nThe plugin loads its SDK chunk (cos-js-sdk-v5, ali-oss; none for S3) when the page is idle after it is installed, before a file is chosen (`preloadSdk`, default on); the bench loads it the same way before starting the clock, and reports it apart. The heap growth includes the SDK module. The traced run (one more upload, under a Chromium trace of the renderer, `bench/support/main-thread-trace.ts`) splits a task's wall time, which is what blocks input, from the main thread's own CPU time within it: the difference is time the thread waited for one of the machine's 2 cores, which the sandbox, the endpoint and Chromium's network service keep busy during a loopback upload.",
    `\nTargets:\n\n${targets.join('\n')}`,
  );
  return lines.join('\n');
}
