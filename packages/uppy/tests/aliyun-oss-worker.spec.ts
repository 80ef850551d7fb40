import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { addFile, openHarness, upload, uploadSucceeds } from './support/harness-page.js';
import { clearFaults, logMark, setFaults, storedSha256s } from './support/sandbox-admin.js';
import { fixturesDir, type Stack, sha256OfFile, startStack, writeRandomFile } from './support/start-stack.js';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.close();
});

/** The scripts a realm fetched (its own Resource Timing: a worker's fetches are not the page's). */
const fetchedScripts = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((name) => /ali-oss|aliyun-oss-sdk/.test(name));

async function uploadsTheSample(page: Page): Promise<void> {
  const path = join(fixturesDir, 'sample-6s-640x360.mp4');
  const since = await logMark(stack.sandboxUrl);
  expect(await uploadSucceeds(page, path)).toMatchObject({
    provider: 'aliyun',
    id: expect.any(String),
    checksum: { algorithm: 'crc64ecma', value: expect.any(String) },
  });
  expect(await storedSha256s(stack.sandboxUrl, since)).toContain(await sha256OfFile(path));
}

test('ali-oss is evaluated in the OSS worker, never on the page, and the upload goes through it', async ({
  page,
}) => {
  await openHarness(page, stack, 'aliyun');
  await expect
    .poll(() => page.workers().find((w) => w.url().includes('oss-worker')), { timeout: 10_000 })
    .toBeTruthy();
  const worker = page.workers().find((w) => w.url().includes('oss-worker'));
  await expect.poll(() => worker?.evaluate(fetchedScripts), { timeout: 10_000 }).not.toEqual([]);
  await uploadsTheSample(page);
  expect(await page.evaluate(fetchedScripts)).toEqual([]);
});

test('without Worker, ali-oss runs on the page and the upload still completes', async ({ page }) => {
  await page.addInitScript(() => {
    (globalThis as { Worker?: unknown }).Worker = undefined;
  });
  await openHarness(page, stack, 'aliyun');
  await uploadsTheSample(page);
  expect(await page.evaluate(fetchedScripts)).not.toEqual([]);
});

test('more files at once than the OSS worker keeps clients for: every file uploads through its own client', async ({
  page,
}) => {
  // Each file has its own STS credential, so its own ali-oss client; the worker keeps only a few.
  const paths: string[] = [];
  for (let i = 0; i < 8; i++) {
    const path = join(stack.tmp, `worker-clients-${i}.mp4`);
    await writeRandomFile(path, 2 ** 20, 4200 + i);
    paths.push(path);
  }
  await openHarness(page, stack, 'aliyun', { limit: 8 });
  const since = await logMark(stack.sandboxUrl);
  for (const path of paths) await addFile(page, path);
  // A slow cloud answers the eight CreateUploadVideo calls together, so the eight clients open
  // before the first file signs its PUT.
  await setFaults(stack.sandboxUrl, { latencyMs: 300 });
  const outcome = await upload(page).finally(() => clearFaults(stack.sandboxUrl));
  expect(outcome.failed ?? []).toEqual([]);
  expect(outcome.successful).toHaveLength(8);
  const stored = await storedSha256s(stack.sandboxUrl, since);
  for (const path of paths) expect(stored).toContain(await sha256OfFile(path));
});
