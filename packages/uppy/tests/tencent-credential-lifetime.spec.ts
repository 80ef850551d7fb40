import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addFile, openHarness, waitForEvent } from './support/harness-page.js';
import { requestLog, setFaults } from './support/sandbox-admin.js';
import { type Stack, startStack, writeRandomFile } from './support/start-stack.js';

const MiB = 1024 * 1024;
let stack: Stack;
test.beforeAll(async () => {
  // Every ApplyUpload credential lives 3 s: far shorter than the upload at the capped speed.
  stack = await startStack({ credentialLifetimeSeconds: 3 });
});
test.afterAll(async () => {
  await stack?.close();
});

test('warns when the credential will expire before the upload can finish, then says it expired', async ({
  page,
}) => {
  await setFaults(stack.sandboxUrl, { bandwidthBytesPerSecond: 8 * MiB });
  const path = join(stack.tmp, 'slow.mp4');
  await writeRandomFile(path, 48 * MiB, 11);
  await openHarness(page, stack, 'tencent', {
    partSize: 4 * MiB,
    retry: { baseDelayMs: 50, maxDelayMs: 200 },
  });
  const fileId = await addFile(page, path);
  await page.evaluate(() => window.harness.startUpload());

  const error = (await waitForEvent(page, 'upload-error', fileId, 60_000)) as { code: string };
  expect(error.code).toBe('credential_expired');
  const warnings = (await page.evaluate(() => window.harness.eventsOf('vod:warning'))).map(
    (e) => (e.data as { code: string }).code,
  );
  expect(warnings[0]).toBe('credential_may_expire');
  expect(warnings.filter((w) => w === 'credential_expired_restarting')).toHaveLength(2);
  // One application at first, and one for each restart.
  const applies = (await requestLog(stack.sandboxUrl)).filter(
    (r) => r.action === 'ApplyUpload' && r.status === 200,
  );
  expect(applies).toHaveLength(3);
});
