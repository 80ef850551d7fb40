import { createHash } from 'node:crypto';
import RPCClient from '@alicloud/pop-core';
import { COVER, expect, MP4, openStory, sha256Of, test } from './demo-fixture.js';

interface Descriptor {
  aliyun: { accessKeyId: string; accessKeySecret: string; vodEndpoint: string; regionId: string };
}

test('Alibaba: cover is attached — GetVideoInfo returns a CoverURL serving the chosen cover', async ({
  page,
  demo,
}) => {
  await openStory(page, demo, 'cover');
  await page.getByRole('radio', { name: 'Alibaba Cloud VOD' }).check();
  await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
  await page.getByLabel('Choose a cover for sample-6s-640x360.mp4').setInputFiles(COVER);
  await expect(page.getByText('Cover: cover-1280x720.jpg')).toBeVisible();
  await page.getByRole('button', { name: /Upload 1 file/ }).click();
  const item = page.getByTestId('uploaded-item');
  await expect(item).toHaveAttribute('data-provider', 'aliyun', { timeout: 20_000 });
  const videoId = (await item.getByTestId('media-id').textContent())!;
  expect(videoId).toMatch(/^[0-9a-f]{32}$/);

  // The cloud's own view of the video, asked as an app's back end would (the account keys).
  const descriptor = (await (await page.request.get(`${demo.url}_demo/descriptor`)).json()) as Descriptor;
  const client = new RPCClient({
    accessKeyId: descriptor.aliyun.accessKeyId,
    accessKeySecret: descriptor.aliyun.accessKeySecret,
    endpoint: descriptor.aliyun.vodEndpoint,
    apiVersion: '2017-03-21',
  });
  const info = await client.request<{ Video: { CoverURL?: string } }>(
    'GetVideoInfo',
    { VideoId: videoId, RegionId: descriptor.aliyun.regionId },
    { method: 'POST' },
  );
  const coverUrl = info.Video.CoverURL;
  expect(coverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  const served = await page.request.get(coverUrl!);
  expect(served.status()).toBe(200);
  expect(
    createHash('sha256')
      .update(await served.body())
      .digest('hex'),
  ).toBe(sha256Of(COVER));
  // The story links the same cover the video now has (beside the video's own link).
  await expect(item.locator(`a[href="${coverUrl}"]`)).toHaveCount(1);
});
