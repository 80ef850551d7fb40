import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import {
  addFile,
  openHarness,
  upload,
  waitForBytes,
} from '../../packages/uppy/tests/support/harness-page.js';
import {
  clearFaults,
  logMark,
  requestLog,
  setFaults,
  storedObject,
  storedObjects,
} from '../../packages/uppy/tests/support/sandbox-admin.js';
import { fixturesDir, sha256OfFile, writeRandomFile } from '../../packages/uppy/tests/support/start-stack.js';
import { formatTable, readRows, recordRow } from './support/matrix-report.js';
import { type ProviderCase, providerCases } from './support/provider-cases.js';
import { type ReliabilityStack, startReliabilityStack } from './support/reliability-stack.js';
import { typedCodeOf } from './support/typed-error.js';

/**
 * The bad-input matrix (issue #8): per provider, a good video is uploaded first, then one bad input;
 * the bad one must end in an `upload-error` carrying one of vod-uploader's stable codes (what the
 * React layer turns into words for people), and the good one must still be stored, byte for byte,
 * and still be complete in Uppy.
 */
const MiB = 1024 * 1024;
/** The endpoint's size limit in this stack (the over-limit case sends one byte more). */
const MAX_FILE_SIZE = 16 * MiB;
/** Retries kept short: a malformed answer is not worth 15 s of backoff in a test. */
const FAST_RETRY = { retry: { retries: 2, baseDelayMs: 50, maxDelayMs: 200 } };

interface BadInput {
  name: string;
  /** Adds the bad file to the harness page (after the good one has been uploaded); resolves its id. */
  add(ctx: { page: Page; c: ProviderCase; stack: ReliabilityStack }): Promise<string>;
  /** The sha256 of the bytes as they were when chosen (to tell what a completed upload stored). */
  sha256?: string;
  /** What the test does while the bad file uploads (after it started); default nothing. */
  during?(ctx: { page: Page; fileId: string; stack: ReliabilityStack }): Promise<void>;
  /** Whether a success is also a right answer (then the stored bytes must be the file's). */
  mayComplete?: boolean;
}

/** Answers of the endpoint's "start an upload" route, each malformed in its own way. */
const malformed: { name: string; status: number; body: string; contentType: string }[] = [
  {
    name: 'HTML instead of JSON',
    status: 200,
    contentType: 'text/html',
    body: '<html><body>Login</body></html>',
  },
  { name: 'truncated JSON', status: 200, contentType: 'application/json', body: '{"result": {"Respon' },
  { name: 'JSON without result', status: 200, contentType: 'application/json', body: '{"ok": true}' },
  {
    name: 'result missing its fields',
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ result: { Response: {}, VideoId: 1, url: 42 }, serverTime: Date.now() }),
  },
  {
    name: 'error without a code (502 from a proxy)',
    status: 502,
    contentType: 'text/plain',
    body: 'Bad Gateway',
  },
  { name: 'empty body', status: 200, contentType: 'application/json', body: '' },
];

async function addBuffer(page: Page, name: string, buffer: Buffer, mimeType = 'video/mp4'): Promise<string> {
  await page.setInputFiles('#file', { name, mimeType, buffer });
  await page.setInputFiles('#cover', []);
  return page.evaluate(() => window.harness.addChosenFile());
}

const malformedInputs: BadInput[] = malformed.map(
  (m, i): BadInput => ({
    name: `endpoint answers ${m.name}`,
    async add({ page, c }) {
      await page.route(`**${c.createRoute}`, (route) =>
        route.fulfill({ status: m.status, contentType: m.contentType, body: m.body }),
      );
      // Another name each time: Uppy refuses a second copy of a file outright.
      return addBuffer(page, `second-video-${i}.mp4`, await fixtureBuffer());
    },
  }),
);

const badInputs: BadInput[] = [
  {
    name: 'zero-byte file',
    sha256: createHash('sha256').digest('hex'),
    add: ({ page }) => addBuffer(page, 'empty.mp4', Buffer.alloc(0)),
  },
  {
    name: 'refused type (.exe)',
    add: ({ page }) =>
      addBuffer(page, 'setup.exe', Buffer.from('MZ not a video'), 'application/octet-stream'),
  },
  {
    name: 'over the size limit',
    async add({ page, stack }) {
      const path = join(stack.tmp, 'over-limit.mp4');
      await writeRandomFile(path, MAX_FILE_SIZE + 1, 9);
      return addFile(page, path);
    },
  },
  {
    name: 'unicode, very long file name',
    // A name is not bad input: it must upload (the endpoint cuts it to the cloud's limit) or be refused with a code.
    mayComplete: true,
    async add({ page }) {
      this.sha256 = goodSha256;
      return addBuffer(
        page,
        `${'视频 ünïcødé 🎬 '.repeat(30)}\u202e${'x'.repeat(200)}.mp4`,
        await fixtureBuffer(),
      );
    },
  },
  {
    name: 'file changed on disk mid-upload',
    async add({ page, stack }) {
      const path = join(stack.tmp, 'changing.mp4');
      this.sha256 = await writeRandomFile(path, 12 * MiB, 11);
      await setFaults(stack.sandboxUrl, { bandwidthBytesPerSecond: 4 * MiB });
      return addFile(page, path);
    },
    async during({ page, fileId, stack }) {
      await waitForBytes(page, fileId, 2 * MiB);
      // Same size, other bytes, newer mtime: what an editor saving over the file does.
      await writeFile(join(stack.tmp, 'changing.mp4'), CHANGED);
    },
  },
];

function fixtureBuffer(): Promise<Buffer> {
  return readFile(join(fixturesDir, 'sample-6s-640x360.mp4'));
}

const CHANGED = Buffer.alloc(12 * MiB, 7);
const CHANGED_SHA256 = createHash('sha256').update(CHANGED).digest('hex');

/** What a completed upload of a bad input stored, compared with the file before and after a change. */
function describeStored(sha256: string | undefined, chosen: string | undefined): string {
  if (sha256 === undefined) return 'nothing stored';
  if (sha256 === chosen) return 'the bytes as chosen';
  if (sha256 === CHANGED_SHA256) return 'the changed bytes';
  return chosen === undefined ? 'other bytes' : 'MIXED old and new bytes';
}

function cloudCodeOf(error: unknown): string {
  const cloudCode = (error as { cloudCode?: string } | undefined)?.cloudCode;
  return cloudCode ? ` (${cloudCode})` : '';
}

let stack: ReliabilityStack;
let goodSha256: string;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  stack = await startReliabilityStack({ policy: { maxFileSize: MAX_FILE_SIZE } });
  goodSha256 = await sha256OfFile(join(fixturesDir, 'sample-6s-640x360.mp4'));
});

test.afterAll(async () => {
  await stack?.close();
  const rows = readRows('bad-input');
  const inputs = [...new Set(rows.map((r) => String(r.input)))];
  const table = inputs.map((input) => {
    const row: Record<string, unknown> = { input };
    for (const { provider } of providerCases) {
      const r = rows.find((x) => x.input === input && x.provider === provider);
      row[provider] = r ? `${r.outcome}${r.goodKept ? '' : ' · GOOD FILE LOST'}` : '';
    }
    return row;
  });
  console.log(
    `\nBad-input matrix (outcome per provider; the good file uploaded before is kept unless noted)\n${formatTable(['input', ...providerCases.map((c) => c.provider)], table)}\n`,
  );
});

/** Tries one bad input on a page whose good file is already uploaded; records and checks the outcome. */
async function tryBadInput(
  page: Page,
  c: ProviderCase,
  bad: BadInput,
  good: { id: string; bucket: string; key: string },
): Promise<void> {
  const mark = await logMark(stack.sandboxUrl);
  const badId = await bad.add({ page, c, stack });
  const outcome = page.evaluate(() => window.harness.upload());
  if (bad.during) await bad.during({ page, fileId: badId, stack });
  await outcome;
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await clearFaults(stack.sandboxUrl);

  const eventOf = (type: string) =>
    page.evaluate(([t, id]) => window.harness.eventsOf(t as string).find((e) => e.fileId === id)?.data, [
      type,
      badId,
    ] as const);
  const error = await eventOf('upload-error');
  const success = await eventOf('upload-success');
  const code = typedCodeOf(error);
  const goodStored = await storedObject(stack.sandboxUrl, good.bucket, good.key);
  const goodKept =
    goodStored?.sha256 === goodSha256 &&
    (await page.evaluate((id) => window.harness.bytesUploaded(id), good.id)) > 0;
  const last = storedObjects(await requestLog(stack.sandboxUrl, mark)).at(-1);
  const storedSha256 = last
    ? (await storedObject(stack.sandboxUrl, last.bucket, last.key))?.sha256
    : undefined;
  recordRow('bad-input', {
    provider: c.provider,
    input: bad.name,
    outcome: success
      ? `uploaded (${describeStored(storedSha256, bad.sha256)})`
      : code
        ? `${code}${cloudCodeOf(error)}`
        : `UNTYPED ${JSON.stringify(error)?.slice(0, 60)}`,
    goodKept,
  });

  expect.soft(goodKept, `${bad.name}: the file uploaded before is still stored and complete`).toBe(true);
  if (bad.mayComplete && success) {
    // A bad file that did store something must have stored exactly its bytes.
    expect.soft(storedSha256, `${bad.name}: stored bytes`).toBe(bad.sha256);
  } else {
    expect.soft(success, `${bad.name}: the bad input was uploaded`).toBeUndefined();
    expect
      .soft(code, `${bad.name}: a typed error code, got ${JSON.stringify(error)}`)
      .toEqual(expect.any(String));
  }
  // The next bad input starts from a clean queue (the good file stays).
  await page.evaluate((id) => window.harness.remove(id), badId);
}

/** Opens the harness for `c` and uploads the good video; resolves where it is stored. */
async function uploadGoodFile(
  page: Page,
  c: ProviderCase,
): Promise<{ id: string; bucket: string; key: string }> {
  await clearFaults(stack.sandboxUrl);
  await openHarness(page, { ...stack, close: stack.close }, c.provider, FAST_RETRY);
  const since = await logMark(stack.sandboxUrl);
  const id = await addFile(page, join(fixturesDir, 'sample-6s-640x360.mp4'));
  const first = await upload(page);
  expect(first.successful?.map((s) => s.id)).toEqual([id]);
  const stored = storedObjects(await requestLog(stack.sandboxUrl, since)).at(-1);
  expect(stored).toBeDefined();
  return { id, ...(stored as { bucket: string; key: string }) };
}

for (const c of providerCases) {
  // One page for every malformed answer: each is cheap, and the page set-up is most of a test's time.
  test(`${c.provider}: each kind of malformed endpoint answer → a typed error, nothing uploaded lost`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const good = await uploadGoodFile(page, c);
    for (const bad of malformedInputs) await tryBadInput(page, c, bad, good);
  });
  for (const bad of badInputs) {
    test(`${c.provider}: ${bad.name} → a typed error, nothing uploaded lost`, async ({ page }) => {
      test.setTimeout(60_000);
      await tryBadInput(page, c, bad, await uploadGoodFile(page, c));
    });
  }
}
