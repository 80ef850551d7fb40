import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  expect,
  MP4,
  openStory,
  PNG,
  resetFaults,
  screenshotDir,
  seriousViolations,
  setFaults,
  test,
} from './demo-fixture.js';

const VARIANTS = [
  { name: 'light', theme: 'Light', language: 'English' },
  { name: 'dark', theme: 'Dark', language: 'English' },
  { name: 'zh-CN', theme: 'Light', language: '中文' },
] as const;

/** What each case reads once it failed, per language. */
const CASES = {
  failed: {
    code: 'cloud_unavailable',
    en: 'The video service is unavailable right now. Please try again later.',
    zh: '视频服务暂时不可用，请稍后再试。',
  },
  'endpoint-404': {
    code: 'endpoint_not_found',
    en: 'The upload service was not found at its address. Check the endpoint setting.',
    zh: '在设置的地址上找不到上传服务，请检查 endpoint 设置。',
  },
  'refused-type': {
    code: 'policy_refused',
    en: 'This file is not allowed here (type, size or settings).',
    zh: '不允许上传此文件（类型、大小或设置不符合要求）。',
  },
} as const;

async function choose(page: Page, group: string, option: string): Promise<void> {
  await page.getByRole('group', { name: group }).getByLabel(option).check();
}

test.afterEach(async ({ page, demo }) => resetFaults(page, demo));

for (const variant of VARIANTS) {
  test(`error states: screenshots (${variant.name}) of a failed upload, an endpoint 404 and a refused type`, async ({
    page,
    demo,
  }) => {
    const zh = variant.language === '中文';
    const developerLines: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().startsWith('[vod-uploader]'))
        developerLines.push(message.text());
    });
    await openStory(page, demo, 'error-states');
    for (const [name, expected] of Object.entries(CASES)) {
      await choose(page, 'Theme', variant.theme);
      await choose(page, 'Language', variant.language);
      await choose(page, 'Endpoint', name === 'endpoint-404' ? 'A wrong path' : 'The demo endpoint');
      if (name === 'failed') await setFaults(page, demo, { failNextUploads: { count: 1, kind: 500 } });
      const before = developerLines.length;
      await page
        .locator('.uppy-Dashboard-input')
        .first()
        .setInputFiles(name === 'refused-type' ? PNG : MP4);

      const problems = page.getByRole('region', { name: zh ? '上传问题' : 'Upload problems' });
      const sentence = zh ? expected.zh : expected.en;
      await expect(problems).toContainText(sentence, { timeout: 20_000 });
      await expect(page.getByTestId('error-code')).toHaveText(expected.code);
      // The sentence is for people: no "(field: …)", no codes.
      await expect(problems.locator('.vod-error span').first()).not.toContainText(
        /\(field|\(code|字段|错误码/,
      );
      // The header tells the failure; no "Uploading 1 file" beside a Cancel that cancels nothing.
      const header = page.locator('.uppy-DashboardContent-title');
      await expect(header).toHaveText(zh ? '上传失败' : 'Upload failed');
      await expect(page.locator('.uppy-DashboardContent-back')).toBeHidden();
      await expect(page.locator('.vod-status__primary')).toHaveText(zh ? '上传失败' : 'Upload failed');
      // A video's length is on its thumbnail, for eyes and for screen readers.
      if (name !== 'refused-type') {
        const badge = page.locator('.uppy-Dashboard-Item-previewInnerWrap .vod-duration');
        await expect(badge).toContainText('0:06');
        await expect(badge.locator('.vod-sr-only')).toHaveText(zh ? '时长 0:06' : 'Duration 0:06');
      }
      // No toast over the file list.
      await expect(page.locator('.uppy-Informer')).toHaveCount(0);
      // The error box is no wider than the Dashboard.
      const dashboard = await page.locator('.uppy-Dashboard-inner').boundingBox();
      const box = await problems.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(dashboard!.x - 1);
      expect(box!.x + box!.width).toBeLessThanOrEqual(dashboard!.x + dashboard!.width + 1);
      // The developer's detail went to the console, once.
      await expect.poll(() => developerLines.length - before).toBe(1);
      expect(developerLines.at(-1)).toContain(expected.code);

      await page.evaluate(() => document.fonts.ready);
      // The live example only: what a user of the uploader sees, not the demo's source listing.
      mkdirSync(screenshotDir, { recursive: true });
      await page
        .getByRole('region', { name: 'Live example' })
        .screenshot({ path: join(screenshotDir, `error-${name}-${variant.name}.png`) });
      // Each failure state is as accessible as the rest (contrast in dark, names of Retry buttons).
      expect(await seriousViolations(page)).toEqual([]);
      // Next case on a fresh uploader.
      await choose(page, 'Endpoint', name === 'endpoint-404' ? 'The demo endpoint' : 'A wrong path');
    }
  });
}

test('error states: a misspelled provider reaches onError once, refuses each chosen file with config_invalid, and never reads "Upload complete"', async ({
  page,
  demo,
}) => {
  const developerLines: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('[vod-uploader]'))
      developerLines.push(message.text());
  });
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/vod')) requests.push(request.url());
  });
  await openStory(page, demo, 'error-states');
  await choose(page, 'Provider', '"alibaba"');
  const problems = page.getByRole('region', { name: 'Upload problems' });
  // Said before any file is chosen: on screen, to the app's onError, and to the developer's console.
  await expect(problems).toContainText('The uploader is not set up correctly.');
  await expect(page.getByTestId('error-code')).toHaveText('config_invalid');
  await expect
    .poll(() => developerLines.some((l) => l.includes('config_invalid') && l.includes('alibaba')))
    .toBe(true);
  // Once, although the demo runs under StrictMode (which runs every effect twice, in one commit).
  await expect(page.getByTestId('error-calls')).toHaveText('1');

  await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
  await expect(page.locator('.vod-status__primary')).toHaveText('Upload failed', { timeout: 20_000 });
  await expect(page.locator('.uppy-DashboardContent-title')).toHaveText('Upload failed');
  await expect(page.locator('[role="status"]').filter({ hasText: 'Upload complete' })).toHaveCount(0);
  // The file's own failure is the second call.
  await expect(page.getByTestId('error-calls')).toHaveText('2');
  expect(requests).toEqual([]);
});
