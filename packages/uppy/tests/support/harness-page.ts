import { expect, type Page } from '@playwright/test';
import type { Stack } from './start-stack.js';

/** Opens the harness and installs `provider`'s plugin with `options`. */
export async function openHarness(
  page: Page,
  stack: Stack,
  provider: 'tencent' | 'aliyun' | 's3',
  options: Record<string, unknown> = {},
): Promise<void> {
  await page.goto(stack.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(([p, o]) => window.harness.setup(p as 'tencent', o as object), [
    provider,
    options,
  ] as const);
}

/** Chooses `path` (and optionally a cover) in the page's inputs and adds it to Uppy; resolves the file id. */
export async function addFile(page: Page, path: string, coverPath?: string): Promise<string> {
  await page.setInputFiles('#file', path);
  await page.setInputFiles('#cover', coverPath ? [coverPath] : []);
  return page.evaluate(() => window.harness.addChosenFile());
}

/** A finished file's result body (the engine's `VodUploadResult`), reduced to what the tests read. */
export interface UploadBody {
  provider: string;
  id: string;
  url?: string;
  coverUrl?: string;
}

/** What `uppy.upload()` resolved with, reduced to what the tests read. */
export interface UploadOutcome {
  successful?: { id: string; response: { body: UploadBody } }[];
  failed?: { id: string; error: unknown }[];
}

/** Runs `uppy.upload()` in the page. */
export async function upload(page: Page): Promise<UploadOutcome> {
  return (await page.evaluate(() => window.harness.upload())) as UploadOutcome;
}

/**
 * Chooses `path` (and optionally a cover), uploads it and expects no file to fail; resolves the
 * result body of the first file (what `onUploaded` gets), for the test to check.
 */
export async function uploadSucceeds(
  page: Page,
  path: string,
  coverPath?: string,
): Promise<UploadBody | undefined> {
  await addFile(page, path, coverPath);
  const outcome = await upload(page);
  expect(outcome.failed ?? []).toEqual([]);
  return outcome.successful?.[0]?.response.body;
}

/** Waits until the file has at least `bytes` uploaded (Uppy's own file state). */
export async function waitForBytes(
  page: Page,
  fileId: string,
  bytes: number,
  timeoutMs = 30_000,
): Promise<void> {
  await page.waitForFunction(
    ([id, b]) => window.harness.bytesUploaded(id as string) >= (b as number),
    [fileId, bytes] as const,
    {
      timeout: timeoutMs,
      polling: 50,
    },
  );
}

/** Waits for an event of `type` about `fileId` and resolves with its data. */
export async function waitForEvent(
  page: Page,
  type: string,
  fileId: string,
  timeoutMs = 30_000,
): Promise<unknown> {
  const handle = await page.waitForFunction(
    ([t, id]) => window.harness.eventsOf(t as string).find((e) => e.fileId === id) ?? false,
    [type, fileId] as const,
    { timeout: timeoutMs, polling: 50 },
  );
  return ((await handle.jsonValue()) as { data?: unknown }).data;
}

/** The `upload-progress` events of a file: `[time ms, bytesUploaded]`. */
export async function progressOf(page: Page, fileId: string): Promise<[number, number][]> {
  return page.evaluate(
    (id) =>
      window.harness
        .eventsOf('upload-progress')
        .filter((e) => e.fileId === id)
        .map((e) => [e.at, (e.data as { bytesUploaded: number }).bytesUploaded] as [number, number]),
    fileId,
  );
}
