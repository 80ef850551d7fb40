import { logMark, type RequestRecord, requestLog } from '../../packages/uppy/tests/support/sandbox-admin.js';
import type { UiTiming } from '../page/ui.js';
import { type BenchContext, envNumber, MiB, ours, providers } from '../support/bench-context.js';
import type { Measured } from '../support/bench-page.js';
import { table } from '../support/stats.js';

/**
 * Section `queue`: `BENCH_QUEUE` (100) files of 1 MiB queued at once, through the engine alone and
 * through `<VodUploader autoProceed />`: do all complete, how soon the first byte goes, how long the
 * main thread is held.
 */
export async function queue(ctx: BenchContext): Promise<string> {
  const count = envNumber('BENCH_QUEUE', 100);
  const many: string[] = [];
  for (let i = 0; i < count; i++)
    many.push(await ctx.file(`many-${String(i).padStart(3, '0')}.mp4`, MiB, 1000 + i));
  const rows: unknown[][] = [];
  for (const provider of providers) {
    const r = await ctx.run(many, ours(provider));
    rows.push([
      provider,
      'engine (Uppy core + our plugin)',
      r.ok ? `all ${count}` : `NO: ${r.error}`,
      (r.ms / 1000).toFixed(1),
      r.firstByteMs?.toFixed(0) ?? 'n/a',
      '—',
      r.longestTaskMs.toFixed(0),
    ]);
    const since = await logMark(ctx.stack.sandboxUrl);
    const u = await ctx.run<Measured & UiTiming & { longestAfterAddMs: number }>(
      many,
      `ui(${JSON.stringify(provider)})`,
    );
    const records = (await requestLog(ctx.stack.sandboxUrl, since)) as (RequestRecord & { time: number })[];
    const firstBody = records.find((x) => x.action === 'PutObject' || x.action === 'UploadPart');
    rows.push([
      provider,
      '`<VodUploader autoProceed />`',
      u.ok ? `all ${count}` : `NO (${u.uploaded}): ${u.error}`,
      (u.ms / 1000).toFixed(1),
      firstBody ? firstBody.time - u.startedAt : 'n/a',
      u.addMs.toFixed(0),
      u.longestAfterAddMs.toFixed(0),
    ]);
  }
  return [
    `## ${count} files queued at once (1 MiB each)\n`,
    table(
      [
        'provider',
        'through',
        'completed',
        'total s',
        'first byte ms',
        'adding the files (one task), ms',
        'longest task after that, ms',
      ],
      rows,
    ),
    "\nFirst byte: for the engine, the first `upload-progress` with bytes; for the UI, the first object or part request at the sandbox, from handing the files to the Dashboard's input. Adding: the Dashboard's input handler, one task: Uppy's `addFiles` (its `generateFileID` reads each `File`'s metadata) and the Dashboard's render of the list; the uploads start after it.",
  ].join('\n');
}
