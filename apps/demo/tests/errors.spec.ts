import {
  bucketAndKeyOf,
  expect,
  logMark,
  MP4,
  openStory,
  PNG,
  resetFaults,
  setFaults,
  sha256Of,
  storedObjectsSince,
  storedSha256,
  test,
  WEBM,
} from './demo-fixture.js';

test('integrity: retrying one of two failed files announces no "Upload complete." while the other still failed; retrying the other does', async ({
  page,
  demo,
}) => {
  // Each file's single PUT and its 3 re-sends arrive damaged (4 + 4); the Retries' sends do not.
  await setFaults(page, demo, { corruptParts: { count: 8 } });
  try {
    await openStory(page, demo, 'error-states');
    await page.locator('.uppy-Dashboard-input').first().setInputFiles([MP4, WEBM]);
    const problems = page.getByRole('region', { name: 'Upload problems' });
    const retries = problems.getByRole('button', { name: 'Retry' });
    await expect(retries).toHaveCount(2, { timeout: 45_000 });
    const complete = page.getByRole('status').filter({ hasText: 'Upload complete.' });
    await retries.first().click();
    await expect(page.locator('.uppy-Dashboard-Item.is-complete')).toHaveCount(1, { timeout: 30_000 });
    await expect(retries).toHaveCount(1);
    // Before, the first file's Retry said "Upload complete." while the second still showed its error.
    await expect(complete).toHaveCount(0);
    await expect(page.locator('.vod-status')).toHaveAttribute('data-vod-phase', 'error');
    await retries.first().click();
    await expect(complete).toHaveCount(1, { timeout: 30_000 });
    await expect(page.locator('.uppy-Dashboard-Item.is-complete')).toHaveCount(2);
    await expect(problems).toHaveCount(0);
  } finally {
    await resetFaults(page, demo);
  }
});

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

test('integrity: a video damaged on every send is refused with a Retry; the Retry sends it anew (focus kept in the uploader), it completes and is announced', async ({
  page,
  demo,
}) => {
  // Every send of the first attempt (the PUT and its 3 re-sends) arrives damaged; the next ones do not.
  await setFaults(page, demo, { corruptParts: { count: 4 } });
  try {
    await openStory(page, demo, 'error-states');
    await page.locator('.uppy-Dashboard-input').first().setInputFiles(MP4);
    const problems = page.getByRole('region', { name: 'Upload problems' });
    await expect(problems).toContainText('did not arrive intact and was not saved. Please try again.', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('error-code')).toHaveText('integrity_failed');
    // One Retry: ours. The Dashboard's own icon is hidden (it showed on any failure).
    await expect(page.locator('.uppy-Dashboard-Item-action--retry')).toHaveCount(0);
    const since = await logMark(page, demo);
    await problems.getByRole('button', { name: 'Retry' }).click();
    // The Retry goes away with its error; the focus stays in the uploader, not on the page's body.
    await expect(problems.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('.vod-uploader') != null))
      .toBe(true);
    await expect(page.getByRole('status').filter({ hasText: 'Upload complete.' })).toHaveCount(1, {
      timeout: 30_000,
    });
    await expect(problems).toHaveCount(0);
    const [stored] = await storedObjectsSince(page, demo, since);
    expect(stored, 'the retried upload stored an object').toBeDefined();
    const { bucket, key } = stored as { bucket: string; key: string };
    expect(await storedSha256(page, demo, bucket, key)).toBe(sha256Of(MP4));
  } finally {
    await resetFaults(page, demo);
  }
});
