import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { lastStoredObject, requestLog, storedObject } from './support/sandbox-admin.js';
import { fixturesDir, type Stack, sha256OfFile, startStack } from './support/start-stack.js';

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack();
});
test.afterAll(async () => {
  await stack?.close();
});

async function openHarness(page: Page, options: Record<string, unknown> = {}): Promise<void> {
  await page.goto(stack.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate((o) => window.harness.setup('tencent', o), options);
}

test('a small video goes in one PUT and comes back as a FileId', async ({ page }) => {
  await openHarness(page);
  const path = join(fixturesDir, 'sample-6s-640x360.mp4');
  await page.setInputFiles('#file', path);
  const since = (await requestLog(stack.sandboxUrl)).at(-1)?.seq ?? 0;
  const fileId = await page.evaluate(() => window.harness.addChosenFile());
  const result = (await page.evaluate(() => window.harness.upload())) as {
    successful: { response: { body: unknown } }[];
  };
  expect(result.successful).toHaveLength(1);
  const body = result.successful[0]?.response.body as { provider: string; id: string };
  expect(body.provider).toBe('tencent');
  expect(body.id).toMatch(/\S+/);

  const log = await requestLog(stack.sandboxUrl, since);
  expect(log.filter((r) => r.action === 'PutObject')).toHaveLength(1);
  expect(log.filter((r) => r.action === 'UploadPart')).toHaveLength(0);
  const object = lastStoredObject(log);
  expect(object).toBeDefined();
  const stored = await storedObject(stack.sandboxUrl, object?.bucket ?? '', object?.key ?? '');
  expect(stored?.sha256).toBe(await sha256OfFile(path));
  const progress = await page.evaluate(
    (id) => window.harness.eventsOf('upload-progress').filter((e) => e.fileId === id),
    fileId,
  );
  expect(progress.length).toBeGreaterThan(0);
});
