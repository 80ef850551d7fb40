import { bucketAndKeyOf, expect, MP4, openStory, PNG, sha256Of, storedSha256, test } from './demo-fixture.js';

test('endpoint down: the user reads that the connection failed', async ({ page, demo }) => {
  await openStory(page, demo, 'endpoint-down');
  await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
  const problems = page.getByRole('region', { name: 'Upload problems' });
  await expect(problems).toContainText('The connection was lost. Check your network and try again.', {
    timeout: 45_000,
  });
  await expect(page.getByRole('status').filter({ hasText: /^Upload failed: / })).toHaveCount(1);
  await expect(page.getByTestId('error-code')).toHaveText('network');
  // A network failure may pass: Retry is offered.
  await expect(problems.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('refused type: the endpoint’s policy refuses an image as media', async ({ page, demo }) => {
  await openStory(page, demo, 'refused-type');
  await page.locator('.uppy-Dashboard-input').first().setInputFiles(PNG);
  const problems = page.getByRole('region', { name: 'Upload problems' });
  await expect(problems).toContainText('This file is not allowed here (type, size or settings).', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('error-code')).toHaveText('policy_refused');
  // Trying the same file again cannot help: no Retry is offered.
  await expect(problems.getByRole('button', { name: 'Retry' })).toHaveCount(0);
});

test('expired credential: the user is told, the upload starts again and completes', async ({
  page,
  demo,
}) => {
  await openStory(page, demo, 'expired-credential');
  const example = page.getByRole('region', { name: 'Live example' });
  await example.getByRole('button', { name: 'Expire the next credential' }).click();
  await expect(example.getByText('The next credential will arrive already expired.')).toBeVisible();
  await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
  await page.getByRole('button', { name: /Upload 1 file/ }).click();
  await expect(page.getByRole('region', { name: 'Upload notices' })).toContainText(
    'The upload permission expired, so the upload is starting again with a new one.',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('media-id')).toHaveText(/^\d+$/, { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Upload problems' })).toHaveCount(0);
  const url = await page.getByTestId('uploaded-item').getByRole('link').first().getAttribute('href');
  const { bucket, key } = bucketAndKeyOf(url!);
  expect(await storedSha256(page, demo, bucket, key)).toBe(sha256Of(MP4));
});
