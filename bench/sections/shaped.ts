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

const LINK = 100e6 / 8; // 100 Mbit/s in bytes per second
const sdkCall: Record<Provider, string> = { tencent: 'cosSdk()', aliyun: 'ossSdk()', s3: 'awsS3()' };

/**
 * Section `shaped`: ours and each SDK on a link the sandbox shapes (+80 ms and +300 ms per request,
 * 100 Mbit/s), `BENCH_SHAPED_MB` (1024) per upload, `BENCH_SHAPED_RUNS` (1) of ours per provider;
 * `BENCH_SHAPED_LARGE_MB` adds one larger Tencent upload for the steady state.
 */
export async function shaped(ctx: BenchContext): Promise<string> {
  const size = envNumber('BENCH_SHAPED_MB', 1024) * MiB;
  const runs = envNumber('BENCH_SHAPED_RUNS', 1);
  const largeSize = envNumber('BENCH_SHAPED_LARGE_MB', 0) * MiB;
  const file = await ctx.file('shaped.mp4', size, 2);
  const lines: string[] = [];
  const targets: string[] = [];
  for (const latencyMs of [80, 300]) {
    lines.push(`## Shaped link: +${latencyMs} ms per request, 100 Mbit/s (${size / MiB} MiB)\n`);
    const rows: unknown[][] = [];
    const shape = { latencyMs, bandwidthBytesPerSecond: LINK };
    for (const provider of providers) {
      const o: Measured[] = [];
      for (let i = 0; i < runs; i++) o.push(await ctx.run([file], ours(provider), shape));
      const sdk = await ctx.run([file], sdkCall[provider], shape);
      const share = (r: Measured) => mbps(size, r.ms) / (LINK / 1e6);
      const ourShare = o.filter((x) => x.ok).map(share);
      rows.push([
        provider,
        spread(
          o.filter((x) => x.ok).map((x) => mbps(size, x.ms)),
          1,
        ),
        spread(ourShare),
        sdk.ok ? mbps(size, sdk.ms).toFixed(1) : 'failed',
        sdk.ok ? share(sdk).toFixed(2) : '',
      ]);
      if (latencyMs === 80) {
        targets.push(
          `- ${provider}, shaped link (+80 ms, 100 Mbit/s): ours = ${median(ourShare).toFixed(2)} of capacity (target ≥ 0.9: ${median(ourShare) >= 0.9 ? 'met' : `missed by ${(0.9 - median(ourShare)).toFixed(2)}`})`,
        );
      }
    }
    lines.push(table(['provider', 'ours MB/s', 'ours ÷ link', 'SDK defaults MB/s', 'SDK ÷ link'], rows), '');
  }
  // The fixed cost of an upload (control calls, each +80 ms) weighs on a small file; a large one shows the steady state.
  if (largeSize > 0) {
    const large = await ctx.file('shaped-large.mp4', largeSize, 5);
    const r = await ctx.run([large], ours('tencent'), { latencyMs: 80, bandwidthBytesPerSecond: LINK });
    const share = mbps(largeSize, r.ms) / (LINK / 1e6);
    lines.push(
      `${largeSize / MiB} MiB, +80 ms, 100 Mbit/s (tencent, once): ${r.ok ? `${mbps(largeSize, r.ms).toFixed(1)} MB/s = ${share.toFixed(2)} of the link` : `FAILED ${r.error}`}.\n`,
    );
    targets.push(
      `- tencent, shaped link, ${largeSize / MiB} MiB: ${share.toFixed(2)} of capacity (target ≥ 0.9: ${share >= 0.9 ? 'met' : `missed by ${(0.9 - share).toFixed(2)}`})`,
    );
  }
  lines.push(`Targets:\n\n${targets.join('\n')}`);
  return lines.join('\n');
}
