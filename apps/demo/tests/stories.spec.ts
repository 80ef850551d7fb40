import type { Page } from '@playwright/test';
import {
  bucketAndKeyOf,
  expect,
  MP4,
  openStory,
  PNG,
  saveScreenshot,
  sha256Of,
  storedSha256,
  test,
  WEBM,
} from './demo-fixture.js';

/** Presses Tab until the focused element matches, like a keyboard user looking for a control. */
async function tabTo(page: Page, matches: (el: Element) => boolean, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error('focus never reached the control');
}

test('keyboard only: Tencent story, from "browse files" to the stored FileId', async ({ page, demo }) => {
  await openStory(page, demo, 'tencent');
  await page.locator('body').focus();
  await tabTo(page, (el) => el.classList.contains('uppy-Dashboard-browse'));
  const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(MP4);
  // The button appears once the file is in the list (the Dashboard draws at most every 100 ms): a
  // keyboard user tabs to it once it is there, as a tab through the whole page before it was flaky.
  await expect(page.locator('.uppy-StatusBar-actionBtn--upload')).toBeVisible();
  await tabTo(page, (el) => el.classList.contains('uppy-StatusBar-actionBtn--upload'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('media-id')).toHaveText(/^\d+$/, { timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Upload complete.' })).toHaveCount(1);
  const url = await page.getByTestId('uploaded-item').getByRole('link').first().getAttribute('href');
  const { bucket, key } = bucketAndKeyOf(url!);
  expect(await storedSha256(page, demo, bucket, key)).toBe(sha256Of(MP4));
});

test('Restrictions: a 6-second video and an image are refused with clear messages, each reaching onError as file_invalid', async ({
  page,
  demo,
}) => {
  await openStory(page, demo, 'restrictions');
  await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
  const problems = page.getByRole('region', { name: 'Upload problems' });
  await expect(problems).toContainText(
    'sample-6s-640x360.mp4 is 0:06 long; videos may be at most 0:05. Trim it or choose a shorter one.',
  );
  await expect(page.locator('.uppy-Dashboard-Item')).toHaveCount(0);
  await page.locator('.uppy-Dashboard-input').first().setInputFiles(PNG);
  await expect(problems).toContainText('You can only upload: video/*');
  await expect(page.locator('.uppy-Dashboard-Item')).toHaveCount(0);
  // The app's onError hears both as the typed refusal the user sees, not as `internal`.
  await expect(page.getByTestId('error-codes')).toHaveText('file_invalid, file_invalid');
  await problems.getByRole('button', { name: 'Dismiss' }).click();
  await expect(problems).toBeHidden();
});

test('zh-CN: Uppy’s strings and ours are Chinese', async ({ page, demo }) => {
  await openStory(page, demo, 'zh-cn');
  await expect(page.locator('.uppy-Dashboard-AddFiles-title')).toContainText('将文件拖拽到这里或');
  await expect(page.getByRole('button', { name: '浏览文件' })).toBeVisible();
  await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
  await expect(page.getByRole('region', { name: '上传问题' })).toContainText(
    'sample-6s-640x360.mp4 时长 0:06，视频最长 0:05。',
  );
  await expect(page.getByRole('button', { name: '关闭' })).toBeVisible();
  await saveScreenshot(page, 'zh-CN');
});

test('Dark theme: the Dashboard is dark; a WebM uploads', async ({ page, demo }) => {
  await openStory(page, demo, 'dark');
  await expect(page.locator('.uppy-Dashboard')).toHaveAttribute('data-uppy-theme', 'dark');
  const background = await page
    .locator('.uppy-Dashboard-inner')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe('rgb(255, 255, 255)');
  await page.locator('.uppy-Dashboard-input').first().setInputFiles(WEBM);
  await expect(page.locator('.uppy-Dashboard-Item-previewImg')).toHaveAttribute('src', /^blob:/);
  await saveScreenshot(page, 'dark');
  await page.getByRole('button', { name: /Upload 1 file/ }).click();
  await expect(page.getByTestId('media-id')).toHaveText(/^\d+$/, { timeout: 20_000 });
  const url = await page.getByTestId('uploaded-item').getByRole('link').first().getAttribute('href');
  const { bucket, key } = bucketAndKeyOf(url!);
  expect(await storedSha256(page, demo, bucket, key)).toBe(sha256Of(WEBM));
});

test('Headless hook: own markup shows poster, duration, progress and the media id', async ({
  page,
  demo,
}) => {
  await openStory(page, demo, 'headless');
  await page.getByLabel('Add videos').setInputFiles(MP4);
  const row = page.getByTestId('headless-file');
  await expect(row).toHaveAttribute('data-status', 'pending');
  await expect(row.getByRole('img', { name: 'Poster of sample-6s-640x360.mp4' })).toBeVisible();
  await expect(row).toContainText('0:06');
  await page.getByRole('button', { name: 'Upload 1 file(s)' }).click();
  await expect(row).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(row.getByRole('progressbar')).toHaveAttribute('value', '100');
  await expect(row.getByTestId('media-id')).toHaveText(/^\d+$/);
  await expect(page.getByText('Total: 100%')).toBeVisible();
});

test('Headless hook: an image is refused on screen, and Dismiss clears it', async ({ page, demo }) => {
  await openStory(page, demo, 'headless');
  await page.getByLabel('Add videos').setInputFiles(PNG);
  const problems = page.getByRole('region', { name: 'Upload problems' });
  await expect(problems).toContainText('You can only upload: video/*');
  await expect(page.getByTestId('headless-file')).toHaveCount(0);
  await problems.getByRole('button', { name: 'Dismiss' }).click();
  await expect(problems).toBeHidden();
});
