import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import type { SandboxObjects } from './sandbox-objects.js';

/** What one upload through a page left in the sandbox. */
export interface PageUpload {
  /** The media id the page reported. */
  id: string;
  /** The objects stored meanwhile, each with its sha256 as the sandbox has it. */
  stored: { bucket: string; key: string; sha256: string | undefined }[];
  /** sha256 of the file that was chosen. */
  expected: string;
}

/**
 * Opens `url` in a new tab, chooses `file` in the Dashboard, presses Upload, and waits for the page to
 * report the media id (`readId`, e.g. from a console line or from the list the page draws).
 */
export async function uploadInChromium(
  browser: Browser,
  url: string,
  file: string,
  objects: SandboxObjects,
  readId: (page: Page) => Promise<string>,
): Promise<PageUpload> {
  const page = await browser.newPage();
  try {
    const mark = await objects.mark();
    await page.goto(url);
    const id = readId(page);
    await page.locator('.uppy-Dashboard-input').first().setInputFiles(file);
    await page.getByRole('button', { name: /Upload 1 file/ }).click();
    const settled = await Promise.race([
      id,
      new Promise<never>((_, fail) =>
        setTimeout(() => fail(new Error(`no media id within 30 s at ${url}`)), 30_000),
      ),
    ]);
    const stored = await Promise.all(
      (await objects.storedSince(mark)).map(async (o) => ({
        ...o,
        sha256: await objects.sha256(o.bucket, o.key),
      })),
    );
    const expected = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    return { id: settled, stored, expected };
  } finally {
    await page.close();
  }
}

/** The id a page logs as `uploaded <id>` (the README quick start's `onUploaded`). */
export function loggedId(page: Page): Promise<string> {
  return new Promise((done) => {
    page.on('console', (message) => {
      const match = /^uploaded (.+)$/.exec(message.text());
      if (match?.[1]) done(match[1]);
    });
  });
}
