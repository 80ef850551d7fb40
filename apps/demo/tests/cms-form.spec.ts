import {
  bucketAndKeyOf,
  expect,
  MP4,
  openStory,
  resetFaults,
  setFaults,
  sha256Of,
  storedSha256,
  test,
} from './demo-fixture.js';

test.afterEach(async ({ page, demo }) => resetFaults(page, demo));

test('plain form, uncontrolled field: required, blocked while uploading, keeps and submits the media id; ownership: its ticket proves it to the server, another id is refused', async ({
  page,
  demo,
}) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().includes('VodUploadField'))
      warnings.push(message.text());
  });
  await openStory(page, demo, 'cms-form');
  const form = page.getByRole('form', { name: 'Plain form' });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText('Please upload a video.');
  await expect(page.getByTestId('plain-submitted')).toHaveCount(0);

  // Hold the upload at the cloud long enough to try saving in the middle of it.
  await setFaults(page, demo, { stallNextUploads: { count: 1, ms: 4000 } });
  const chooser = page.waitForEvent('filechooser');
  await form.getByRole('button', { name: 'Choose video' }).click();
  await (await chooser).setFiles(MP4);
  await expect(form.getByText(/Uploading… \d+%/)).toBeVisible();
  // The upload answers "Please upload a video.": it is gone as soon as the upload starts.
  await expect(form.getByText('Please upload a video.')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'The video is still uploading. Wait until it finishes, then save again.',
  );
  await expect(page.getByTestId('plain-submitted')).toHaveCount(0);

  const id = form.locator('.vod-field__id');
  await expect(id).toHaveText(/^\d+$/, { timeout: 20_000 });
  await expect(form.getByRole('img', { name: /^Poster of video / })).toBeVisible();
  const mediaId = (await id.textContent()) ?? '';
  // The field kept the upload (no "No video yet."); its hidden input holds the id, and the video's
  // length is on its thumbnail.
  await expect(form.getByText('No video yet.')).toHaveCount(0);
  await expect(form.locator('input[type=hidden][name=videoId]')).toHaveValue(mediaId);
  await expect(form.locator('.vod-field__thumb .vod-duration')).toContainText('0:06');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('plain-submitted')).toContainText(`"videoId":"${mediaId}"`);
  // ownership: the ticket beside the id proves the upload to the app's server…
  await expect(form.locator('input[type=hidden][name=videoTicket]')).toHaveValue(/^v1\./);
  await expect(page.getByTestId('plain-saved')).toHaveText(`Saved by the server: ${mediaId}`);
  // …and another id put in the form (one the user has seen, not uploaded) is refused.
  await form.locator('input[type=hidden][name=videoId]').evaluate((input: HTMLInputElement) => {
    input.value = '5285890000000000001';
  });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('plain-saved')).toHaveText(
    /^Refused by the server: ticket: is not the ticket/,
  );
  expect(warnings).toEqual([]);

  const url = await form.getByRole('link', { name: 'Open video' }).getAttribute('href');
  const { bucket, key } = bucketAndKeyOf(url!);
  expect(await storedSha256(page, demo, bucket, key)).toBe(sha256Of(MP4));

  await form.getByRole('button', { name: 'Remove video' }).click();
  await expect(form.getByText('No video yet.')).toBeVisible();
  await expect(form.locator('input[type=hidden][name=videoId]')).toHaveValue('');
});

test("plain form: Cancel upload during a Replace keeps the saved video; the form's Reset empties the field", async ({
  page,
  demo,
}) => {
  await openStory(page, demo, 'cms-form');
  const form = page.getByRole('form', { name: 'Plain form' });
  const choose = async (button: string) => {
    const chooser = page.waitForEvent('filechooser');
    await form.getByRole('button', { name: button }).click();
    await (await chooser).setFiles(MP4);
  };
  await choose('Choose video');
  const id = form.locator('.vod-field__id');
  await expect(id).toHaveText(/^\d+$/, { timeout: 20_000 });
  const mediaId = (await id.textContent()) ?? '';
  const hidden = form.locator('input[type=hidden][name=videoId]');

  // Replace, then change one's mind while it uploads: the saved video stays the field's value.
  await setFaults(page, demo, { stallNextUploads: { count: 1, ms: 4000 } });
  await choose('Replace video');
  await expect(form.getByText(/Uploading… \d+%/)).toBeVisible();
  await form.getByRole('button', { name: 'Cancel upload' }).click();
  await expect(form.getByText(/Uploading…/)).toHaveCount(0);
  await expect(id).toHaveText(mediaId);
  await expect(hidden).toHaveValue(mediaId);
  await expect(form.getByText('No video yet.')).toHaveCount(0);

  // The form's Reset button empties it, as it does every input of the form.
  await form.getByRole('button', { name: 'Reset' }).click();
  await expect(form.getByText('No video yet.')).toBeVisible();
  await expect(hidden).toHaveValue('');
  await expect(form.locator('input[type=hidden][name=videoTicket]')).toHaveValue('');
});

test('react-hook-form Controller: value is the uploaded media', async ({ page, demo }) => {
  await openStory(page, demo, 'cms-form');
  const form = page.getByRole('form', { name: 'react-hook-form' });
  const chooser = page.waitForEvent('filechooser');
  await form.getByRole('button', { name: 'Choose video' }).click();
  await (await chooser).setFiles(MP4);
  await expect(form.locator('.vod-field__id')).not.toBeEmpty({ timeout: 20_000 });
  const mediaId = (await form.locator('.vod-field__id').textContent()) ?? '';
  await form.getByRole('button', { name: 'Save' }).click();
  const submitted = page.getByTestId('rhf-submitted');
  await expect(submitted).toContainText(`"id":"${mediaId}"`);
  await expect(submitted).toContainText('"provider":"aliyun"');
});
