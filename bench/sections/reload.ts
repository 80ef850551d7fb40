import {
  clearFaults,
  logMark,
  partNumberOf,
  requestLog,
  setFaults,
} from '../../packages/uppy/tests/support/sandbox-admin.js';
import { type BenchContext, envNumber, MiB, ours, providers } from '../support/bench-context.js';
import { type Measured, openBenchPage } from '../support/bench-page.js';
import { table } from '../support/stats.js';

/**
 * Section `reload`: a reload at 50 % of `BENCH_RELOAD_MB` (1024) at 32 MiB/s, then the file
 * re-selected: how many stored parts are sent again (target ≤ one part) and how soon the upload goes on.
 */
export async function reload(ctx: BenchContext): Promise<string> {
  const size = envNumber('BENCH_RELOAD_MB', 1024) * MiB;
  const { sandboxUrl, url } = ctx.stack;
  const file = await ctx.file('reload.mp4', size, 4);
  const rows: unknown[][] = [];
  for (const provider of providers) {
    await clearFaults(sandboxUrl);
    await setFaults(sandboxUrl, { bandwidthBytesPerSecond: 32 * MiB });
    const since = await logMark(sandboxUrl);
    const { context, page } = await openBenchPage(ctx.browser, url, [file]);
    try {
      await page.evaluate(`void window.bench.${ours(provider)}`);
      await page.waitForFunction(
        (half) => {
          const uppy = (
            window as unknown as {
              benchUppy?: { getFiles(): { progress: { bytesUploaded: number | false } }[] };
            }
          ).benchUppy;
          return Number(uppy?.getFiles()[0]?.progress.bytesUploaded ?? 0) >= half;
        },
        size / 2,
        { timeout: 60_000, polling: 50 },
      );
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      const before = await requestLog(sandboxUrl, since);
      const done = new Set(
        before.filter((r) => r.action === 'UploadPart' && r.status === 200).map((r) => partNumberOf(r)),
      );
      const mark = before.at(-1)?.seq ?? since;
      await page.waitForSelector('body[data-ready="true"]');
      await page.setInputFiles('#file', [file]);
      const reselected = Date.now();
      const result = (await page.evaluate(`window.bench.${ours(provider)}`)) as Measured;
      const after = await requestLog(sandboxUrl, mark);
      const resent = after.filter((r) => r.action === 'UploadPart' && done.has(partNumberOf(r)));
      const firstNew = after.find((r) => r.action === 'UploadPart' && !done.has(partNumberOf(r)));
      rows.push([
        provider,
        result.ok ? 'ok' : `FAILED ${result.error}`,
        `${done.size}`,
        `${resent.length} (${(resent.reduce((n, r) => n + r.bytesIn, 0) / MiB).toFixed(1)} MiB)`,
        firstNew ? ((firstNew as { time?: number }).time ?? Number.NaN) - reselected : 'n/a',
        result.firstByteMs?.toFixed(0) ?? 'n/a',
      ]);
    } catch (error) {
      // One provider's failure is a result too; the other figures still get written.
      rows.push([provider, `FAILED ${String(error).split('\n')[0]}`, '', '', '', '']);
    } finally {
      await context.close();
      await ctx.freeDisk(since);
    }
  }
  await clearFaults(sandboxUrl);
  return [
    `## Reload at 50 %, then the file re-selected (${size / MiB} MiB at 32 MiB/s)\n`,
    table(
      [
        'provider',
        'completed',
        'parts stored before reload',
        'parts re-sent (bytes)',
        're-select → first new part at sandbox, ms',
        're-select → first progress, ms',
      ],
      rows,
    ),
    '\nTarget: ≤ one part (8 MiB) re-sent.',
  ].join('\n');
}
