import { createHash } from 'node:crypto';
import {
  expect,
  MP4,
  openStory,
  resetFaults,
  saveScreenshot,
  seriousViolations,
  setFaults,
  sha256Of,
  test,
} from './demo-fixture.js';

// Issue #18. These run against the real endpoint route `POST /media/status` and the sandbox's
// simulated processing (a Tencent `Procedure`, an Alibaba `TemplateGroupId` on the upload; the demo
// starts the sandbox with `processing: { stageMs: 1500 }`), and its `failTranscode` fault.
const CLOUDS = [
  { cloud: 'tencent', story: 'tencent-processing', id: /^\d+$/ },
  { cloud: 'aliyun', story: 'aliyun-processing', id: /^[0-9a-f]{32}$/ },
] as const;

test.describe('processing', () => {
  test.afterEach(async ({ page, demo }) => resetFaults(page, demo));

  for (const { cloud, story, id } of CLOUDS) {
    test(`processing (${cloud}): upload → "Processing…" → "Ready" with a link whose bytes are the upload's`, async ({
      page,
      demo,
    }) => {
      await openStory(page, demo, story);
      await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
      await expect(page.getByTestId('media-id')).toHaveText(id, { timeout: 30_000 });

      const row = page.getByRole('region', { name: 'Video processing' }).getByRole('listitem');
      await expect(row).toContainText('sample-6s-640x360.mp4');
      await expect(row).toContainText('Processing…', { timeout: 10_000 });
      const box = await row.boundingBox();
      await expect(row).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
      await expect(row).toContainText('Ready');
      // The row kept its place and size: nothing below it moved when the video became ready.
      expect(await row.boundingBox()).toEqual(box);
      await expect(
        page.getByRole('status').filter({ hasText: 'sample-6s-640x360.mp4 is ready to play.' }),
      ).toHaveCount(1);

      const play = row.getByRole('link', { name: 'Play video' });
      const href = await play.getAttribute('href');
      expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      const response = await page.request.get(href!);
      expect(response.status()).toBe(200);
      expect(
        createHash('sha256')
          .update(await response.body())
          .digest('hex'),
      ).toBe(sha256Of(MP4));
      // onReady got the same media.
      await expect(page.getByTestId('ready-item')).toContainText(
        (await page.getByTestId('media-id').textContent()) ?? '',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, `processing-ready-${cloud}`);
    });

    test(`processing (${cloud}): a failed transcode shows the cloud's reason in words`, async ({
      page,
      demo,
    }) => {
      const reason = 'The source file has no decodable video stream (injected).';
      await setFaults(page, demo, { failTranscode: { count: 1, reason } });
      await openStory(page, demo, story);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
      await expect(page.getByTestId('media-id')).toHaveText(id, { timeout: 30_000 });

      const row = page.getByRole('region', { name: 'Video processing' }).getByRole('listitem');
      await expect(row).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
      await expect(row).toHaveAttribute('data-code', 'processing_failed');
      await expect(row).toContainText(`Processing failed: ${reason}`);
      await expect(row.getByRole('link', { name: 'Play video' })).toHaveCount(0);
      await expect(
        page.getByRole('status').filter({ hasText: `sample-6s-640x360.mp4: Processing failed: ${reason}` }),
      ).toHaveCount(1);
      // The upload itself stays successful, and no onReady came.
      await expect(page.getByTestId('uploaded-item')).toHaveCount(1);
      await expect(page.getByTestId('ready-item')).toHaveCount(0);
      expect(errors.some((text) => text.includes('processing_failed'))).toBe(true);
      await saveScreenshot(page, `processing-failed-${cloud}`);
    });
  }

  test('processing (tencent): the form field holds the media id at upload, saves it, then shows Ready', async ({
    page,
    demo,
  }) => {
    await openStory(page, demo, 'tencent-processing');
    const form = page.getByRole('form', { name: 'Article' });
    const chooser = page.waitForEvent('filechooser');
    await form.getByRole('button', { name: 'Choose video' }).click();
    await (await chooser).setFiles(MP4);
    const id = form.locator('.vod-field__id');
    await expect(id).toHaveText(/^\d+$/, { timeout: 30_000 });
    const line = form.locator('.vod-field__processing');
    await expect(line).toHaveAttribute('data-state', /processing|ready/);
    // Saving does not wait for ready: the id is final at upload.
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('saved')).toHaveText(`Saved: ${await id.textContent()}`);
    await expect(line).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(line).toContainText('Ready');
    const href = await line.getByRole('link', { name: 'Play video' }).getAttribute('href');
    const response = await page.request.get(href!);
    expect(
      createHash('sha256')
        .update(await response.body())
        .digest('hex'),
    ).toBe(sha256Of(MP4));
  });
});
