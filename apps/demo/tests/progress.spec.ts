import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openStory, resetFaults, screenshotDir, setFaults, test } from './demo-fixture.js';

/** What the person sees at one moment: read in the page, every 100 ms. */
interface Sample {
  t: number;
  primary: string;
  bytes: string;
  eta: string;
  barNow: string | null;
  barWidth: string;
  announced: string;
  mediaIds: number;
}

const SIZE = 40 * 1024 * 1024;
/** ~9 s for 40 MiB: long enough for ~90 samples, short enough for three clouds in ~1 min. */
const BANDWIDTH = 4.5 * 1024 * 1024;

/** `22 MB` → the bytes it may stand for: [value, value + one step of its precision). */
function bytesRange(text: string): [number, number] {
  const match = /^([\d.]+) (B|KB|MB|GB)$/.exec(text.trim());
  if (!match) throw new Error(`not a byte count: ${text}`);
  const value = Number(match[1]);
  const unit = 1024 ** ['B', 'KB', 'MB', 'GB'].indexOf(match[2]!);
  const step = match[1]!.includes('.') ? 0.1 : 1;
  return [value * unit, (value + step) * unit];
}

// On disk, made at test time: a path costs the browser nothing to open, 40 MiB over the wire does.
const dir = mkdtempSync(join(tmpdir(), 'vod-progress-'));
mkdirSync(screenshotDir, { recursive: true });
const LARGE = join(dir, 'large.mp4');
test.beforeAll(() => writeFileSync(LARGE, randomBytes(SIZE)));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const provider of ['tencent', 'aliyun', 's3'] as const) {
  test(`progress consistency: ${provider}, 40 MiB throttled — percentage, bytes, bar and announcements agree; Finishing… until the media id`, async ({
    page,
    demo,
  }) => {
    test.setTimeout(60_000);
    await openStory(page, demo, provider);
    // Every request also waits a little, so the last stage (complete the upload, commit it, learn the
    // id) lasts long enough to be seen by a 100 ms sampler.
    await setFaults(page, demo, { bandwidthBytesPerSecond: BANDWIDTH, latencyMs: 400 });
    try {
      await page.locator('.uppy-Dashboard-input').first().setInputFiles(LARGE);
      await page.evaluate(() => {
        const samples: Sample[] = [];
        (window as unknown as { samples: Sample[] }).samples = samples;
        const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
        const started = performance.now();
        setInterval(() => {
          const bar = document.querySelector<HTMLElement>('.vod-status [role=progressbar]');
          samples.push({
            t: Math.round(performance.now() - started),
            primary: text('.vod-status__primary'),
            bytes: text('.vod-status__bytes'),
            eta: text('.vod-status__eta'),
            barNow: bar?.getAttribute('aria-valuenow') ?? null,
            barWidth: bar?.style.width ?? '',
            announced: text('.vod-uploader [role=status]'),
            mediaIds: document.querySelectorAll('[data-testid=media-id]').length,
          });
        }, 100);
      });
      if (provider !== 'aliyun') await page.getByRole('button', { name: 'Upload 1 file' }).click();
      await expect(page.locator('.vod-status__primary')).toHaveText(/^Uploading: [3-6]\d%$/, {
        timeout: 20_000,
      });
      await page
        .getByRole('region', { name: 'Live example' })
        .screenshot({ path: join(screenshotDir, `progress-${provider}.png`) });
      await expect(page.getByTestId('media-id')).toHaveCount(1, { timeout: 40_000 });
      await expect(page.locator('.vod-status__primary')).toHaveText('Complete');
      await page.waitForTimeout(300);
    } finally {
      await resetFaults(page, demo);
    }
    const samples = await page.evaluate(() => (window as unknown as { samples: Sample[] }).samples);

    let uploadingSamples = 0;
    let finishingSamples = 0;
    let lastPercent = 0;
    for (const s of samples) {
      const where = `at ${s.t} ms: ${JSON.stringify(s)}`;
      const uploading = /^Uploading: (\d+)%$/.exec(s.primary);
      if (uploading) {
        uploadingSamples += 1;
        const percent = Number(uploading[1]);
        // Never 100 % while a byte is still on its way (100 means stored; that reads "Finishing…").
        expect(percent, where).toBeLessThan(100);
        expect(percent, where).toBeGreaterThanOrEqual(lastPercent);
        lastPercent = percent;
        // The bar is the same number.
        expect(s.barNow, where).toBe(String(percent));
        expect(s.barWidth, where).toBe(`${percent}%`);
        // The bytes are the same number: the percentage of some count the bytes text may stand for.
        const [shown, total] = s.bytes.split(' of ');
        expect(bytesRange(total!)[0], where).toBe(SIZE);
        const [low, high] = bytesRange(shown!);
        expect(percent, where).toBeGreaterThanOrEqual(Math.floor((low * 100) / SIZE));
        expect(percent, where).toBeLessThanOrEqual(Math.floor((high * 100) / SIZE));
        // Time left, when shown, is never zero and never behind a stray separator.
        if (s.eta)
          expect(s.eta, where).toMatch(
            /^ · (\d+ min )?\d+ s left$|^ · \d+ min left$|^ · a few seconds left$/,
          );
        expect(s.eta, where).not.toMatch(/\b0 s\b/);
        // An announced milestone never runs ahead of the shown percentage.
        const milestone = /^Upload (\d+)% complete\.$/.exec(s.announced);
        if (milestone) expect(Number(milestone[1]), where).toBeLessThanOrEqual(percent);
        expect(s.mediaIds, where).toBe(0);
      } else if (s.primary === 'Finishing…') {
        finishingSamples += 1;
        expect(s.barNow, where).toBe('100');
        expect(s.bytes + s.eta, where).toBe('');
        expect(s.mediaIds, where).toBe(0);
      } else if (s.primary === 'Complete') {
        expect(s.mediaIds, where).toBe(1);
        expect(s.barNow, where).toBe('100');
      }
    }
    // About 9 s of bytes sampled every 100 ms, and the last stage seen, not skipped.
    expect(uploadingSamples).toBeGreaterThan(40);
    expect(finishingSamples).toBeGreaterThan(0);
    expect(samples.some((s) => /^Upload (25|50|75)% complete\.$/.test(s.announced))).toBe(true);
    expect(samples.some((s) => /^ · (\d+ min )?\d+ s left$/.test(s.eta))).toBe(true);
  });
}
