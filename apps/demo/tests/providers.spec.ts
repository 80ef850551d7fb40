import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
  bucketAndKeyOf,
  COVER,
  expect,
  logMark,
  MP4,
  openStory,
  resetFaults,
  saveScreenshot,
  setFaults,
  sha256Of,
  storedObjectsSince,
  storedSha256,
  test,
} from './demo-fixture.js';

test.describe('provider stories', () => {
  test.afterEach(async ({ page, demo }) => resetFaults(page, demo));

  test('Tencent: choose a video, see its poster as the thumbnail, upload, get the FileId', async ({
    page,
    demo,
  }) => {
    await openStory(page, demo, 'tencent');
    await saveScreenshot(page, 'light');
    await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
    // The poster frame read in the browser is the file's thumbnail.
    const thumbnail = page.locator('.uppy-Dashboard-Item-previewImg');
    await expect(thumbnail).toHaveAttribute('src', /^blob:/);
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    await page.getByRole('button', { name: /Upload 1 file/ }).click();
    const mediaId = page.getByTestId('media-id');
    await expect(mediaId).toHaveText(/^\d+$/, { timeout: 20_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Upload complete.' })).toHaveCount(1);
    const poster = page.getByRole('img', { name: 'Poster of sample-6s-640x360.mp4' });
    await expect(poster).toBeVisible();
    expect(await poster.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    const url = await page.getByTestId('uploaded-item').getByRole('link').first().getAttribute('href');
    const { bucket, key } = bucketAndKeyOf(url!);
    expect(await storedSha256(page, demo, bucket, key)).toBe(sha256Of(MP4));
  });

  test('Tencent, 24 MiB in parts: progress is shown and announced, the bytes arrive intact', async ({
    page,
    demo,
  }) => {
    await openStory(page, demo, 'tencent');
    // Made at test time, not committed: random bytes under a video name (the cloud does not decode them).
    const bytes = randomBytes(24 * 1024 * 1024);
    await page.locator('.uppy-Dashboard-input').first().setInputFiles({
      name: 'large.mp4',
      mimeType: 'video/mp4',
      buffer: bytes,
    });
    await setFaults(page, demo, { bandwidthBytesPerSecond: 3 * 1024 * 1024 });
    await page.getByRole('button', { name: /Upload 1 file/ }).click();
    await expect(page.locator('.uppy-StatusBar-statusPrimary')).toContainText(
      /Uploading: ([1-8]\d|9[0-5])%/,
      {
        timeout: 20_000,
      },
    );
    await saveScreenshot(page, 'upload-in-progress');
    await expect(page.getByRole('status').filter({ hasText: /^Upload (25|50|75)% complete\.$/ })).toHaveCount(
      1,
      {
        timeout: 20_000,
      },
    );
    const mediaId = page.getByTestId('media-id');
    await expect(mediaId).toHaveText(/^\d+$/, { timeout: 40_000 });
    const url = await page.getByTestId('uploaded-item').getByRole('link').first().getAttribute('href');
    const { bucket, key } = bucketAndKeyOf(url!);
    expect(await storedSha256(page, demo, bucket, key)).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  test('Modal: open with the button, upload, close with Escape', async ({ page, demo }) => {
    await openStory(page, demo, 'modal');
    await page.getByRole('button', { name: 'Upload a video' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
    await dialog.getByRole('button', { name: /Upload 1 file/ }).click();
    await expect(dialog.locator('.uppy-StatusBar')).toContainText('Complete', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('media-id')).toHaveText(/^\d+$/);
    const url = await page.getByTestId('uploaded-item').getByRole('link').first().getAttribute('href');
    const { bucket, key } = bucketAndKeyOf(url!);
    expect(await storedSha256(page, demo, bucket, key)).toBe(sha256Of(MP4));
  });

  test('Cover: choose a cover for the video; both are stored', async ({ page, demo }) => {
    await openStory(page, demo, 'cover');
    await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
    await page.getByLabel('Choose a cover for sample-6s-640x360.mp4').setInputFiles(COVER);
    await expect(page.getByText('Cover: cover-1280x720.jpg')).toBeVisible();
    await page.getByRole('button', { name: /Upload 1 file/ }).click();
    await expect(page.getByTestId('media-id')).toHaveText(/^\d+$/, { timeout: 20_000 });
    const links = page.getByTestId('uploaded-item').getByRole('link');
    const videoUrl = await links.nth(0).getAttribute('href');
    const coverUrl = await links.nth(1).getAttribute('href');
    const video = bucketAndKeyOf(videoUrl!);
    const cover = bucketAndKeyOf(coverUrl!);
    expect(await storedSha256(page, demo, video.bucket, video.key)).toBe(sha256Of(MP4));
    expect(await storedSha256(page, demo, cover.bucket, cover.key)).toBe(sha256Of(COVER));
  });
});

test.describe('other providers', () => {
  test('Alibaba: uploads on choose (autoProceed) and shows the VideoId', async ({ page, demo }) => {
    await openStory(page, demo, 'aliyun');
    const mark = await logMark(page, demo);
    await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
    const item = page.getByTestId('uploaded-item');
    await expect(item).toHaveAttribute('data-provider', 'aliyun', { timeout: 20_000 });
    await expect(item.getByTestId('media-id')).toHaveText(/^[0-9a-f]{32}$/);
    const stored = await storedObjectsSince(page, demo, mark);
    expect(stored).toHaveLength(1);
    expect(await storedSha256(page, demo, stored[0]!.bucket, stored[0]!.key)).toBe(sha256Of(MP4));
    // The result's URL (the mezzanine's FileURL) reads the stored bytes back.
    const href = (await item.getByRole('link').first().getAttribute('href')) ?? '';
    expect(href).toContain(stored[0]!.key);
    const bytes = await (await page.request.get(href)).body();
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256Of(MP4));
  });

  test('S3: uploads and shows the object key', async ({ page, demo }) => {
    await openStory(page, demo, 's3');
    await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
    await page.getByRole('button', { name: /Upload 1 file/ }).click();
    const item = page.getByTestId('uploaded-item');
    await expect(item).toHaveAttribute('data-provider', 's3', { timeout: 20_000 });
    const key = (await item.getByTestId('media-id').textContent()) ?? '';
    const descriptor = (await (await page.request.get(`${demo.url}_demo/descriptor`)).json()) as {
      s3: { bucket: string };
    };
    expect(await storedSha256(page, demo, descriptor.s3.bucket, key)).toBe(sha256Of(MP4));
  });
});

test.describe('Tencent legacy v2', () => {
  test('legacy v2: a video and a cover go up through the endpoint-signed COS requests; v2 CommitUpload gives the FileId', async ({
    page,
    demo,
  }) => {
    await openStory(page, demo, 'tencent-legacy-v2');
    const mark = await logMark(page, demo);
    await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
    await page.getByLabel('Choose a cover for sample-6s-640x360.mp4').setInputFiles(COVER);
    await expect(page.getByText('Cover: cover-1280x720.jpg')).toBeVisible();
    await page.getByRole('button', { name: /Upload 1 file/ }).click();
    await expect(page.getByTestId('media-id')).toHaveText(/^\d+$/, { timeout: 30_000 });
    const links = page.getByTestId('uploaded-item').getByRole('link');
    const video = bucketAndKeyOf((await links.nth(0).getAttribute('href'))!);
    const cover = bucketAndKeyOf((await links.nth(1).getAttribute('href'))!);
    expect(await storedSha256(page, demo, video.bucket, video.key)).toBe(sha256Of(MP4));
    expect(await storedSha256(page, demo, cover.bucket, cover.key)).toBe(sha256Of(COVER));
    // The session went through v2 end to end: v2 ApplyUpload and CommitUpload, both objects written
    // with the account key's signature (no API 3.0 ApplyUpload/CommitUpload); then the endpoint reads
    // the media's stored size (DescribeMediaInfos) to check it against the declared one.
    const { records } = (await (await page.request.get(`${demo.url}_sandbox/log?since=${mark}`)).json()) as {
      records: { api?: string; action?: string; status: number }[];
    };
    const vodCalls = records.filter((r) => r.api?.startsWith('tencent-vod')).map((r) => r.action);
    expect(vodCalls).toEqual(['v2.ApplyUpload', 'v2.CommitUpload', 'DescribeMediaInfos']);
    expect(await storedObjectsSince(page, demo, mark)).toHaveLength(2);
  });

  test('legacy v2: a 40 MiB video goes in parts, every COS step signed by the endpoint', async ({
    page,
    demo,
  }, testInfo) => {
    // Above the transfer policy's single-PUT size (32 MiB), so the multipart steps are signed too.
    const path = testInfo.outputPath('legacy-v2-40mib.mp4');
    const bytes = randomBytes(40 * 1024 * 1024);
    writeFileSync(path, bytes);
    await openStory(page, demo, 'tencent-legacy-v2');
    const mark = await logMark(page, demo);
    await page.locator('.uppy-Dashboard-input').first().setInputFiles(path);
    await page.getByRole('button', { name: /Upload 1 file/ }).click();
    await expect(page.getByTestId('media-id')).toHaveText(/^\d+$/, { timeout: 60_000 });
    const video = bucketAndKeyOf(
      (await page.getByTestId('uploaded-item').getByRole('link').first().getAttribute('href'))!,
    );
    expect(await storedSha256(page, demo, video.bucket, video.key)).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
    const { records } = (await (await page.request.get(`${demo.url}_sandbox/log?since=${mark}`)).json()) as {
      records: { api?: string; action?: string; status: number }[];
    };
    const cos = records.filter((r) => r.api === 'cos' && r.status === 200).map((r) => r.action);
    expect(cos.filter((a) => a === 'UploadPart').length).toBeGreaterThanOrEqual(2);
    expect(cos).not.toContain('PutObject');
    expect(cos).toContain('InitiateMultipartUpload');
    expect(cos).toContain('CompleteMultipartUpload');
  });

  test('legacy v2: a PUT whose answer is lost after the video was stored is checked by HeadObject and committed once', async ({
    page,
    demo,
  }) => {
    await openStory(page, demo, 'tencent-legacy-v2');
    await setFaults(page, demo, { loseAnswers: { count: 1 } });
    const mark = await logMark(page, demo);
    await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
    await page.getByRole('button', { name: /Upload 1 file/ }).click();
    await expect(page.getByTestId('media-id')).toHaveText(/^\d+$/, { timeout: 30_000 });
    const video = bucketAndKeyOf(
      (await page.getByTestId('uploaded-item').getByRole('link').first().getAttribute('href'))!,
    );
    expect(await storedSha256(page, demo, video.bucket, video.key)).toBe(sha256Of(MP4));
    const { records } = (await (await page.request.get(`${demo.url}_sandbox/log?since=${mark}`)).json()) as {
      records: { api?: string; action?: string; status: number; fault?: string }[];
    };
    const cos = records.filter((r) => r.api === 'cos');
    // The first copy was stored unheard; the browser's resend met COS's no-overwrite condition.
    expect(cos.find((r) => r.action === 'PutObject')?.fault).toBe('answer-lost');
    expect(cos.some((r) => r.action === 'PutObject' && r.status === 409)).toBe(true);
    expect(cos.filter((r) => r.action === 'HeadObject' && r.status === 200)).toHaveLength(1);
    const commits = records.filter((r) => r.action === 'v2.CommitUpload' && r.status === 200);
    expect(commits).toHaveLength(1);
  });

  test('legacy v2: the signing route refuses another path and another operation', async ({ page, demo }) => {
    await openStory(page, demo, 'tencent-legacy-v2');
    const applied = await page.request.post(`${demo.url}api/vod-v2/tencent/apply-upload`, {
      data: { mediaType: 'mp4', fileSize: 100 },
    });
    expect(applied.status()).toBe(200);
    const { result, ticket } = (await applied.json()) as {
      result: { video: { storagePath: string } };
      ticket: string;
    };
    const host = new URL(demo.url).host;
    const sign = (body: Record<string, unknown>) =>
      page.request.post(`${demo.url}api/vod-v2/tencent/v2/sign-cos`, { data: { ticket, ...body } });
    const key = result.video.storagePath.slice(1);
    const other = await sign({ method: 'PUT', key: `${key}.other`, headers: { host } });
    expect(other.status()).toBe(403);
    expect((await other.json()).error).toMatchObject({ code: 'forbidden', field: 'key' });
    const read = await sign({ method: 'GET', key, headers: { host } });
    expect((await read.json()).error).toMatchObject({ code: 'forbidden', field: 'method' });
  });
});
