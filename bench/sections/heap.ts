import { type BenchContext, envNumber, MiB, ours } from '../support/bench-context.js';

/** Section `heap`: the JS heap while a big file uploads (the issue: 2 GiB, `BENCH_HEAP_MB`), Tencent, once. */
export async function heap(ctx: BenchContext): Promise<string> {
  const size = envNumber('BENCH_HEAP_MB', 2048) * MiB;
  const file = await ctx.file('heap.mp4', size, 3);
  const r = await ctx.run([file], ours('tencent'));
  return [
    `## Heap on a ${size / MiB} MiB file\n`,
    `${size / MiB} MiB (tencent, once): ${r.ok ? 'ok' : 'FAILED'} in ${(r.ms / 1000).toFixed(1)} s, longest task ${r.longestTaskMs.toFixed(0)} ms, JS heap growth ${(r.heapGrowthBytes / MiB).toFixed(1)} MiB (target ≤ 64 MiB: ${r.heapGrowthBytes <= 64 * MiB ? 'met' : 'missed'}).`,
  ].join('\n');
}
