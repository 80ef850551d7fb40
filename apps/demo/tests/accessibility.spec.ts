import { expect, MP4, openStory, seriousViolations, test } from './demo-fixture.js';

const STORY_IDS = [
  'tencent',
  'aliyun',
  's3',
  'url-import',
  'modal',
  'restrictions',
  'cover',
  'zh-cn',
  'dark',
  'headless',
  'cms-form',
  'endpoint-down',
  'refused-type',
  'expired-credential',
  'tencent-legacy-v2',
];

// Two halves, so each test stays well under a minute on a busy machine.
for (const [part, ids] of [
  ['first', STORY_IDS.slice(0, 7)],
  ['second', STORY_IDS.slice(7)],
] as const) {
  test(`axe-core: no serious or critical violation on any story (${part} half)`, async ({ page, demo }) => {
    const found: string[] = [];
    for (const id of ids) {
      await openStory(page, demo, id);
      for (const violation of await seriousViolations(page)) found.push(`#/${id}: ${violation}`);
    }
    expect(found).toEqual([]);
  });
}

test('axe-core: no serious or critical violation with a file listed, and in the open modal', async ({
  page,
  demo,
}) => {
  await openStory(page, demo, 'cover');
  await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
  await expect(page.locator('.uppy-Dashboard-Item-previewImg')).toHaveAttribute('src', /^blob:/);
  const withFile = await seriousViolations(page);

  await openStory(page, demo, 'modal');
  await page.getByRole('button', { name: 'Upload a video' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  const inModal = await seriousViolations(page);
  expect([...withFile, ...inModal]).toEqual([]);
});
