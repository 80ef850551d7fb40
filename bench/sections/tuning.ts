import type { RequestRecord } from '../../packages/uppy/tests/support/sandbox-admin.js';
import { logMark, requestLog } from '../../packages/uppy/tests/support/sandbox-admin.js';
import { type BenchContext, envNumber, MiB, ours } from '../support/bench-context.js';
import { mbps, median, table } from '../support/stats.js';

/**
 * Section `tuning`: where our time goes, and what part size × parts in flight would change (Tencent
 * path, one run each, against the median of 3 raw PUTs of the same file in the same run).
 */
export async function tuning(ctx: BenchContext): Promise<string> {
  const size = envNumber('BENCH_MB', 1024) * MiB;
  const big = await ctx.file('big.mp4', size, 1);
  const rawMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const raw = await ctx.run([big], 'rawPut()');
    if (raw.ok) rawMs.push(raw.ms);
  }
  const rows: unknown[][] = [];
  for (const partMiB of [8, 16, 32]) {
    for (const concurrency of [2, 4, 6]) {
      const since = await logMark(ctx.stack.sandboxUrl);
      const r = await ctx.run([big], ours('tencent', { partSize: partMiB * MiB, concurrency }));
      const records = (await requestLog(ctx.stack.sandboxUrl, since)) as (RequestRecord & {
        time: number;
        api?: string;
      })[];
      const complete = records.find((x) => x.action === 'CompleteMultipartUpload');
      const next = complete && records.find((x) => x.seq > complete.seq && x.api !== 'admin');
      const parts = records.filter((x) => x.action === 'UploadPart');
      const firstPart = parts[0]?.time ?? 0;
      const lastPart = parts.at(-1)?.time ?? 0;
      rows.push([
        partMiB,
        concurrency,
        r.ok ? mbps(size, r.ms).toFixed(0) : 'failed',
        r.ok ? (median(rawMs) / r.ms).toFixed(2) : '',
        lastPart - firstPart,
        complete && next ? next.time - complete.time : 'n/a',
      ]);
    }
  }
  return [
    `## Tuning: part size × parts in flight (tencent, ${size / MiB} MiB, one run each)\n`,
    table(
      [
        'part MiB',
        'in flight',
        'MB/s',
        '÷ raw PUT (median of 3 raw runs)',
        'first → last part started, ms',
        'CompleteMultipartUpload, ms',
      ],
      rows,
    ),
  ].join('\n');
}
