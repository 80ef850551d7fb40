import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { fixturesDir } from '../../../tests/support/fixtures-dir.js';
import { objectsWritten } from '../../../tests/support/objects-written.js';
import {
  type ProcessWithDescriptor,
  spawnWithDescriptor,
} from '../../../tests/support/spawn-with-descriptor.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
export const MP4 = join(fixturesDir, 'sample-6s-640x360.mp4');
export const WEBM = join(fixturesDir, 'sample-6s-640x360.webm');
export const COVER = join(fixturesDir, 'cover-1280x720.jpg');
export const PNG = join(fixturesDir, 'image-256.png');
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/** The demo as `npm run demo` starts it, on a free port, with its sandbox data in a temp dir. */
export interface DemoServer {
  url: string;
}

const CLOUD_ENV = /^(TENCENTCLOUD_|ALIBABA_CLOUD_|AWS_|S3_)/;

function startDemoProcess(dataDir: string): Promise<ProcessWithDescriptor<string>> {
  // The sandbox, never a real cloud: drop any cloud keys the machine may have.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !CLOUD_ENV.test(k)));
  return spawnWithDescriptor(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(repoRoot, 'apps/demo/scripts/start.ts')],
    {
      name: 'the demo',
      cwd: repoRoot,
      env: { ...env, PORT: '0', DEMO_DATA_DIR: dataDir, DEMO_NO_WATCH: '1' },
      timeoutMs: 45_000,
      // `npm run demo` prints its address for people: "vod-uploader demo: http://…".
      parse: (line) => /vod-uploader demo: (http:\/\/\S+)/.exec(line)?.[1],
      showStderr: false,
    },
  );
}

/** One demo per worker: starting Vite and the sandbox per test would cost more than the tests. */
export const test = base.extend<object, { demo: DemoServer }>({
  demo: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies first.
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'vod-demo-e2e-'));
      const demo = await startDemoProcess(dataDir);
      await use({ url: demo.descriptor });
      await demo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});
export { expect };

const intercepting = new WeakSet<Page>();

/** Opens a story and waits for its live example. */
export async function openStory(page: Page, demo: DemoServer, id: string): Promise<void> {
  // Turn file-chooser interception on now: `waitForEvent('filechooser')` turns it on asynchronously,
  // and on a busy machine a keypress could open the (headless, invisible) native dialog first.
  if (!intercepting.has(page)) {
    intercepting.add(page);
    page.on('filechooser', () => undefined);
  }
  await page.goto(`${demo.url}#/${id}`);
  await expect(page.getByRole('region', { name: 'Live example' })).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
}

/** Resets the sandbox's fault plan (a test that set one must not leak it into the next). */
export async function resetFaults(page: Page, demo: DemoServer): Promise<void> {
  const response = await page.request.delete(`${demo.url}_sandbox/faults`);
  expect(response.ok()).toBe(true);
}

/** Sets a sandbox fault plan (see the sandbox's `FaultPlan`). */
export async function setFaults(page: Page, demo: DemoServer, plan: Record<string, unknown>): Promise<void> {
  const response = await page.request.post(`${demo.url}_sandbox/faults`, { data: plan });
  expect(response.ok()).toBe(true);
}

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** sha256 of what the sandbox stored under `bucket`/`key`, through its admin route. */
export async function storedSha256(
  page: Page,
  demo: DemoServer,
  bucket: string,
  key: string,
): Promise<string> {
  const response = await page.request.get(
    `${demo.url}_sandbox/objects?bucket=${encodeURIComponent(bucket)}&key=${encodeURIComponent(key)}`,
  );
  expect(response.status(), `object ${bucket}/${key}`).toBe(200);
  return ((await response.json()) as { sha256: string }).sha256;
}

/** Path-style sandbox URL `http://127.0.0.1:P/<bucket>/<key>` → bucket and key. */
export function bucketAndKeyOf(url: string): { bucket: string; key: string } {
  const [bucket, ...rest] = new URL(url).pathname.replace(/^\//, '').split('/');
  return { bucket: bucket!, key: decodeURIComponent(rest.join('/')) };
}

interface LogRecord {
  seq: number;
  method: string;
  api?: string;
  action?: string;
  bucket?: string;
  key?: string;
  status: number;
}

/** The sandbox request log's newest sequence number: pass it to {@link storedObjectsSince}. */
export async function logMark(page: Page, demo: DemoServer): Promise<number> {
  const { records } = (await (await page.request.get(`${demo.url}_sandbox/log`)).json()) as {
    records: LogRecord[];
  };
  return records.at(-1)?.seq ?? 0;
}

/** Objects written to COS/OSS/S3 (single PUT or completed multipart) since `mark`, per the sandbox log. */
export async function storedObjectsSince(
  page: Page,
  demo: DemoServer,
  mark: number,
): Promise<{ bucket: string; key: string }[]> {
  const { records } = (await (await page.request.get(`${demo.url}_sandbox/log?since=${mark}`)).json()) as {
    records: LogRecord[];
  };
  return objectsWritten(records);
}

/** axe-core on the page: returns the serious and critical violations (expected empty). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Uppy fades its status bar in; contrast measured mid-fade would be a false alarm.
  // (Endless ones, like an indeterminate progress bar, never finish: skip them.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
