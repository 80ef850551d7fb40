import { randomBytes } from 'node:crypto';
import RPCClient from '@alicloud/pop-core';
import type { Page } from '@playwright/test';
import {
  bucketAndKeyOf,
  COVER,
  type DemoServer,
  expect,
  logMark,
  MP4,
  openStory,
  saveScreenshot,
  seriousViolations,
  sha256Of,
  storedSha256,
  test,
} from './demo-fixture.js';

type Cloud = 'tencent' | 'aliyun';

const CLOUDS = {
  tencent: { label: 'Tencent Cloud VOD', action: 'PullUpload', route: '/api/vod/tencent/pull-upload' },
  aliyun: { label: 'Alibaba Cloud VOD', action: 'UploadMediaByURL', route: '/api/vod/aliyun/url-import' },
} as const;

const IMPORT_ACTIONS = /^(PullUpload|UploadMediaByURL)$/;

/** Opens the URL-import story on one cloud. */
async function openOn(page: Page, demo: DemoServer, cloud: Cloud): Promise<void> {
  await openStory(page, demo, 'url-import');
  await page.getByRole('radio', { name: CLOUDS[cloud].label }).check();
  await expect(page.getByRole('group', { name: 'Import from a link' })).toBeVisible();
}

/** A link the demo serves, made unique per test so no earlier import (or its dedup) interferes. */
function mediaLink(demo: DemoServer, name: string): string {
  return `${demo.url}_demo/media/${name}${name.includes('?') ? '&' : '?'}t=${randomBytes(4).toString('hex')}`;
}

/** Import actions the sandbox received since `mark`, by name. */
async function importCalls(page: Page, demo: DemoServer, mark: number): Promise<string[]> {
  const response = await page.request.get(`${demo.url}_sandbox/log?since=${mark}`);
  const { records } = (await response.json()) as { records: { action?: string }[] };
  return records.map((r) => r.action ?? '').filter((action) => IMPORT_ACTIONS.test(action));
}

/** Where the sandbox stored a media: Tencent's FileUrl (shown by the story), Alibaba's mezzanine. */
async function storedKeyOf(page: Page, demo: DemoServer, cloud: Cloud, mediaId: string) {
  if (cloud === 'tencent') {
    const url = await page.getByTestId('uploaded-item').getByRole('link').first().getAttribute('href');
    return bucketAndKeyOf(url!);
  }
  const descriptor = (await (await page.request.get(`${demo.url}_demo/descriptor`)).json()) as {
    aliyun: { accessKeyId: string; accessKeySecret: string; vodEndpoint: string; regionId: string };
  };
  const client = new RPCClient({
    accessKeyId: descriptor.aliyun.accessKeyId,
    accessKeySecret: descriptor.aliyun.accessKeySecret,
    endpoint: descriptor.aliyun.vodEndpoint,
    apiVersion: '2017-03-21',
  });
  const info = await client.request<{ Mezzanine: { FileURL: string } }>(
    'GetMezzanineInfo',
    { VideoId: mediaId, RegionId: descriptor.aliyun.regionId },
    { method: 'POST' },
  );
  return bucketAndKeyOf(info.Mezzanine.FileURL);
}

for (const cloud of ['tencent', 'aliyun'] as const) {
  test.describe(`URL import, ${cloud}`, () => {
    test(`${cloud}: a served video becomes a media whose bytes match`, async ({ page, demo }) => {
      await openOn(page, demo, cloud);
      const mark = await logMark(page, demo);
      await page.getByLabel('Video links, one per line').fill(mediaLink(demo, 'sample.mp4'));
      await page.getByLabel('Name (optional)').fill('Imported sample');
      await page.getByLabel('Cover image link (optional)').fill(`${demo.url}_demo/media/cover.jpg`);
      await page.getByRole('button', { name: 'Import', exact: true }).click();

      const item = page.locator('.vod-url-import__item');
      await expect(item).toHaveCount(1);
      // The first status read waits 2 s, so the queued state is on screen before the result.
      await expect(item).toContainText('Waiting in the video service’s queue');
      await expect(item).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      const mediaId = (await page.getByTestId('media-id').textContent()) ?? '';
      expect(mediaId).not.toBe('');
      await expect(item).toContainText(`Imported. Media ID: ${mediaId}`);
      await expect(page.getByRole('status').filter({ hasText: 'Imported sample imported.' })).toHaveCount(1);
      await expect(page.getByTestId('uploaded-item')).toHaveAttribute('data-provider', cloud);

      const { bucket, key } = await storedKeyOf(page, demo, cloud, mediaId);
      expect(await storedSha256(page, demo, bucket, key)).toBe(sha256Of(MP4));
      expect(await importCalls(page, demo, mark)).toEqual([CLOUDS[cloud].action]);
      if (cloud === 'tencent') {
        // Tencent downloads the cover too; its URL comes back in the result.
        const cover = page.getByTestId('uploaded-item').getByRole('link').nth(1);
        const stored = bucketAndKeyOf((await cover.getAttribute('href'))!);
        expect(await storedSha256(page, demo, stored.bucket, stored.key)).toBe(sha256Of(COVER));
      }
    });

    test(`${cloud}: a 404 link fails with a readable message, and Retry imports it`, async ({
      page,
      demo,
    }) => {
      await openOn(page, demo, cloud);
      const mark = await logMark(page, demo);
      // 404 the first time it is asked for, the video afterwards: a link published late.
      const link = mediaLink(demo, 'late.mp4');
      await page.getByLabel('Video links, one per line').fill(link);
      await page.getByLabel('Video links, one per line').press('Control+Enter');

      const item = page.locator('.vod-url-import__item');
      await expect(item).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
      await expect(item).toContainText('The video service could not import this link.');
      await expect(item).toContainText('404');
      await expect(page.getByRole('status').filter({ hasText: `Import of ${link} failed` })).toHaveCount(1);
      await expect(page.getByTestId('uploaded-item')).toHaveCount(0);

      // Keyboard only: the Retry button is reachable and names what it retries.
      const retry = item.getByRole('button', { name: 'Retry' });
      await expect(retry).toHaveAccessibleDescription(link);
      await retry.focus();
      await page.keyboard.press('Enter');
      await expect(item).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      await expect(page.getByTestId('uploaded-item')).toHaveCount(1);
      // The retry was a new cloud task, not the failed one handed back.
      expect(await importCalls(page, demo, mark)).toEqual([CLOUDS[cloud].action, CLOUDS[cloud].action]);
    });

    test(`${cloud}: a link without an extension imports as the file type picked, bytes equal`, async ({
      page,
      demo,
    }) => {
      await openOn(page, demo, cloud);
      const mark = await logMark(page, demo);
      const links = page.getByLabel('Video links, one per line');
      const type = page.getByLabel('File type of links without one');
      // A link that shows its type needs no picker.
      await links.fill(mediaLink(demo, 'sample.mp4'));
      await expect(type).toHaveCount(0);
      await links.fill(mediaLink(demo, 'stream'));
      await expect(type).toHaveValue('mp4');
      await expect(type).toHaveAccessibleDescription(/imported as the type chosen here/);
      // Only what this cloud accepts is offered.
      const offered = await type.locator('option').allTextContents();
      expect(offered).toContain('mov');
      if (cloud === 'aliyun') expect(offered).not.toContain('m3u8');
      await type.selectOption('mp4');
      await page.getByRole('button', { name: 'Import', exact: true }).click();

      const item = page.locator('.vod-url-import__item');
      await expect(item).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      const mediaId = (await page.getByTestId('media-id').textContent()) ?? '';
      const { bucket, key } = await storedKeyOf(page, demo, cloud, mediaId);
      expect(key).toMatch(/\.mp4$/);
      expect(await storedSha256(page, demo, bucket, key)).toBe(sha256Of(MP4));
      expect(await importCalls(page, demo, mark)).toEqual([CLOUDS[cloud].action]);
    });

    test(`${cloud}: a double submit creates one media`, async ({ page, demo }) => {
      await openOn(page, demo, cloud);
      const mark = await logMark(page, demo);
      await page.getByLabel('Video links, one per line').fill(mediaLink(demo, 'sample.mp4'));
      await page.getByRole('button', { name: 'Import', exact: true }).dblclick();
      const item = page.locator('.vod-url-import__item');
      await expect(item).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      await expect(item).toHaveCount(1);
      await expect(page.getByTestId('uploaded-item')).toHaveCount(1);

      // Two tabs (or a replayed request) sending the same import at once: the endpoint makes one.
      const body = { mediaUrl: mediaLink(demo, 'sample.mp4') };
      const answers = await Promise.all(
        [0, 1].map(async () => {
          const response = await page.request.post(`${demo.url}${CLOUDS[cloud].route.slice(1)}`, {
            data: body,
          });
          expect(response.status()).toBe(200);
          const { result } = (await response.json()) as {
            result: { Response?: { TaskId: string }; UploadJobs?: { JobId: string }[] };
          };
          return result.Response?.TaskId ?? result.UploadJobs?.[0]?.JobId;
        }),
      );
      expect(answers[0]).toBeTruthy();
      expect(answers[1]).toBe(answers[0]);
      expect(await importCalls(page, demo, mark)).toEqual([CLOUDS[cloud].action, CLOUDS[cloud].action]);
    });

    test(`${cloud}: ftp: and javascript: links are refused before any cloud call`, async ({ page, demo }) => {
      await openOn(page, demo, cloud);
      const mark = await logMark(page, demo);
      const links = page.getByLabel('Video links, one per line');
      await links.fill('ftp://example.com/a.mp4\njavascript:alert(1)//a.mp4');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(links).toHaveAttribute('aria-invalid', 'true');
      await expect(links).toHaveAccessibleDescription(/Only http:\/\/ and https:\/\/ links can be imported/);
      await expect(links).toBeFocused();
      await expect(page.locator('.vod-url-import__item')).toHaveCount(0);

      // The endpoint refuses them too, for any other client.
      for (const mediaUrl of ['ftp://example.com/a.mp4', 'javascript:alert(1)//a.mp4']) {
        const response = await page.request.post(`${demo.url}${CLOUDS[cloud].route.slice(1)}`, {
          data: { mediaUrl },
        });
        expect(response.status()).toBe(400);
        expect(((await response.json()) as { error: { code: string; field: string } }).error).toMatchObject({
          code: 'policy_refused',
          field: 'mediaUrl',
        });
      }
      expect(await importCalls(page, demo, mark)).toEqual([]);
    });
  });
}

test('URL import: no serious or critical axe violation with a refusal, a failure and a success listed', async ({
  page,
  demo,
}) => {
  await openOn(page, demo, 'tencent');
  const links = page.getByLabel('Video links, one per line');
  await links.fill(`${mediaLink(demo, 'sample.mp4')}\n${demo.url}_demo/media/missing.mp4`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const items = page.locator('.vod-url-import__item');
  await expect(items.nth(0)).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
  await expect(items.nth(1)).toHaveAttribute('data-state', 'failed', { timeout: 20_000 });
  await links.fill('ftp://example.com/a.mp4');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(links).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'url-import');
});
