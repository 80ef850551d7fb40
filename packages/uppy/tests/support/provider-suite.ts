import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import {
  addFile,
  openHarness,
  progressOf,
  type UploadOutcome,
  upload,
  uploadSucceeds,
  waitForBytes,
  waitForEvent,
} from './harness-page.js';
import {
  clearFaults,
  expireCredentials,
  logMark,
  multipartUploads,
  partNumberOf,
  type RequestRecord,
  requestLog,
  setFaults,
  storedObject,
  storedObjects,
  storedSha256s,
} from './sandbox-admin.js';
import { fixturesDir, type Stack, sha256OfFile, startStack, writeRandomFile } from './start-stack.js';

const MiB = 1024 * 1024;
const BIG = 64 * MiB;

/** What differs between providers in the shared browser scenarios. */
export interface ProviderCase {
  provider: 'tencent' | 'aliyun' | 's3';
  /** The bucket the sandbox stores this provider's media in (descriptor key). */
  bucketOf(descriptor: Record<string, { bucket: string }>): string;
  /** Part size used by the big-file tests (≥ the store's minimum). */
  partSize: number;
  /**
   * How an expired credential is handled mid-upload; `none` where there is no credential to expire
   * (S3: every request is presigned by the endpoint just before it is sent).
   */
  onExpiry: 'restart' | 'refresh' | 'none';
  /** Whether a video's cover is uploaded as a second object. */
  cover: boolean;
  /** The control-API action that creates an upload (counted in the expiry test). */
  createAction: string;
  /** The object-store action that starts a multipart upload, as the sandbox logs it. */
  initiateAction: string;
  /** The lazy SDK chunk the provider uploads with (as its module URL contains it), if any. */
  sdkChunk?: string;
  /**
   * The sandbox action that shows the upload was committed (media created), logged by the endpoint's
   * call. S3 has none: its endpoint completes a multipart upload itself and reports it only once the
   * object proved to be the file.
   */
  commitAction?: string;
  /** The endpoint route the browser finishes an upload with (commit, complete), after the bytes. */
  finishRoute: string;
  /** The endpoint route that has the cloud open the upload session, where one does (not S3's sign). */
  createRoute?: string;
  /** The checksum algorithm the result proves the object with. */
  checksum: 'crc64ecma' | 'crc32c';
  /** Whether an object that is not the file is deleted (by the upload's credential, or by the endpoint that completed it). */
  deletesObject: boolean;
}

/** One quick retry: the file fails (or holds) soon after its parts do. */
const QUICK_RETRY = { retries: 1, baseDelayMs: 50, maxDelayMs: 100 };

/** The numbers of the parts a log shows stored. */
function storedPartNumbers(log: RequestRecord[]): Set<number | undefined> {
  return new Set(
    log.filter((r) => r.action === 'UploadPart' && r.status === 200).map((r) => partNumberOf(r)),
  );
}

/** The upload id of an UploadPart record (from the record, or its query string). */
function uploadIdOf(record: RequestRecord): string | undefined {
  return record.uploadId ?? new URLSearchParams(record.path.split('?')[1] ?? '').get('uploadId') ?? undefined;
}

/** Registers the browser scenarios every provider must pass, against a stack started for the file. */
export function defineProviderSuite(c: ProviderCase): void {
  test.describe(c.provider, () => defineScenarios(c));
}

function defineScenarios(c: ProviderCase): void {
  let stack: Stack;
  let big: { path: string; sha256: string };
  let bucket: string;
  const options = { partSize: c.partSize, retry: { baseDelayMs: 100, maxDelayMs: 1000 } };

  test.beforeAll(async () => {
    stack = await startStack();
    const path = join(stack.tmp, `big-${c.provider}.mp4`);
    big = { path, sha256: await writeRandomFile(path, BIG, 7) };
    const descriptor = await (await fetch(`${stack.sandboxUrl}/_sandbox/descriptor`)).json();
    bucket = c.bucketOf(descriptor);
  });
  test.afterAll(async () => {
    await stack?.close();
  });
  test.beforeEach(async () => {
    await clearFaults(stack.sandboxUrl);
  });

  /** Starts the big file throttled and waits until `bytes` of it are sent; `retry` overrides the options'. */
  async function startBigUpload(
    page: Page,
    bytes: number,
    { retry, faults }: { retry?: object; faults?: object } = {},
  ): Promise<{ since: number; fileId: string }> {
    await setFaults(stack.sandboxUrl, { bandwidthBytesPerSecond: 16 * MiB, ...faults });
    await openHarness(page, stack, c.provider, retry ? { ...options, retry } : options);
    const since = await logMark(stack.sandboxUrl);
    const fileId = await addFile(page, big.path);
    await page.evaluate(() => window.harness.startUpload());
    await waitForBytes(page, fileId, bytes);
    // Mid-upload means parts stored, not only bytes sent: the browser reports bytes handed to the
    // network, and several parts in flight can all be unfinished at a quarter of the file.
    await expect
      .poll(async () => storedPartNumbers(await requestLog(stack.sandboxUrl, since)).size, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    return { since, fileId };
  }

  /**
   * Reloads the page mid-upload and uploads the file again: resolves the log before the reload
   * (from `since`) and after it, once the second upload succeeded.
   */
  async function reloadAndUploadAgain(
    page: Page,
    since: number,
  ): Promise<{ before: RequestRecord[]; after: RequestRecord[]; reloadedAt: number }> {
    // A new load of the page (what a reload is), without waiting on the aborted uploads' teardown.
    const reloadedAt = Date.now();
    await page.goto(stack.url, { waitUntil: 'domcontentloaded' });
    const before = await requestLog(stack.sandboxUrl, since);
    await page.waitForSelector('body[data-ready="true"]');
    await page.evaluate(([p, o]) => window.harness.setup(p as 'tencent', o as object), [
      c.provider,
      options,
    ] as const);
    await addFile(page, big.path);
    const outcome = await upload(page);
    expect(outcome.failed ?? []).toEqual([]);
    const after = await requestLog(stack.sandboxUrl, before.at(-1)?.seq ?? since);
    expect(after.filter((r) => r.action === c.initiateAction)).toHaveLength(0);
    return { before, after, reloadedAt };
  }

  async function expectStored(since: number, sha256: string): Promise<void> {
    expect(await storedSha256s(stack.sandboxUrl, since)).toContain(sha256);
  }

  /** Uploads the big file (the faults already set) and expects it to succeed; resolves the log mark. */
  async function uploadBig(page: Page): Promise<{ since: number; fileId: string; outcome: UploadOutcome }> {
    await openHarness(page, stack, c.provider, options);
    const since = await logMark(stack.sandboxUrl);
    const fileId = await addFile(page, big.path);
    const outcome = await upload(page);
    expect(outcome.failed ?? []).toEqual([]);
    return { since, fileId, outcome };
  }

  /**
   * The first request to the endpoint's `route` reaches it and does its work, but its answer never
   * arrives; the later ones pass. Resolves each request's body, as they come.
   */
  async function loseFirstAnswer(page: Page, route: string): Promise<string[]> {
    const bodies: string[] = [];
    await page.route(`**${route}`, async (request) => {
      bodies.push(request.request().postData() ?? '');
      if (bodies.length > 1) return request.continue();
      await request.fetch();
      await request.abort('connectionreset');
    });
    return bodies;
  }

  /**
   * Uploads the small fixture video (one PUT) and expects a media id with onUploaded's proof (for a
   * single PUT too); resolves the sandbox's log of it and the file's sha256.
   */
  async function uploadSmallVideo(
    page: Page,
  ): Promise<{ log: RequestRecord[]; since: number; sha256: string }> {
    await openHarness(page, stack, c.provider);
    const path = join(fixturesDir, 'sample-6s-640x360.mp4');
    const since = await logMark(stack.sandboxUrl);
    expect(await uploadSucceeds(page, path)).toMatchObject({
      provider: c.provider,
      id: expect.any(String),
      checksum: { algorithm: c.checksum, value: expect.any(String) },
    });
    return { log: await requestLog(stack.sandboxUrl, since), since, sha256: await sha256OfFile(path) };
  }

  test('a small video goes in one PUT and resolves to a media id', async ({ page }) => {
    const { log, since, sha256 } = await uploadSmallVideo(page);
    expect(log.filter((r) => r.action === 'PutObject' && r.status === 200)).toHaveLength(1);
    expect(log.filter((r) => r.action === 'UploadPart')).toHaveLength(0);
    await expectStored(since, sha256);
  });

  test('a single PUT whose answer is lost after the bytes were stored still resolves to the file, once', async ({
    page,
  }) => {
    // Chromium resends the PUT itself; S3's (conditional) resend meets the stored copy (412).
    await setFaults(stack.sandboxUrl, { loseAnswers: { count: 1 } });
    const { log, since, sha256 } = await uploadSmallVideo(page);
    expect(log.find((r) => r.action === 'PutObject')?.fault).toBe('answer-lost');
    await expectStored(since, sha256);
    if (c.commitAction)
      expect(log.filter((r) => r.action === c.commitAction && r.status === 200)).toHaveLength(1);
  });

  test('a 64 MB file goes in parts, with byte-level, monotonic progress at least 4 times a second', async ({
    page,
  }) => {
    // Large parts on few connections: on loopback the kernel's socket buffers (MBs per connection)
    // swallow a small part at once, which would hide the byte-level progress this test looks for.
    const partSize = 16 * MiB;
    await setFaults(stack.sandboxUrl, { bandwidthBytesPerSecond: 16 * MiB });
    await openHarness(page, stack, c.provider, { ...options, partSize, concurrency: 2 });
    const since = await logMark(stack.sandboxUrl);
    const fileId = await addFile(page, big.path);
    const outcome = await upload(page);
    expect(outcome.failed ?? []).toEqual([]);
    const log = await requestLog(stack.sandboxUrl, since);
    const parts = log.filter((r) => r.action === 'UploadPart' && r.status === 200);
    expect(parts).toHaveLength(BIG / partSize);
    await expectStored(since, big.sha256);

    const progress = await progressOf(page, fileId);
    const bytes = progress.map(([, b]) => b);
    for (let i = 1; i < bytes.length; i++) expect(bytes[i]).toBeGreaterThanOrEqual(bytes[i - 1] as number);
    expect(bytes.at(-1)).toBe(BIG);
    // Byte-level: some reports fall between part boundaries, not only when a part finishes.
    const between = new Set(bytes.filter((b) => b > 0 && b < BIG && b % (partSize / 2) !== 0));
    expect(between.size).toBeGreaterThan(3);
    const flowing = progress.filter(([, b]) => b > 0 && b < BIG);
    const first = flowing[0]?.[0] ?? 0;
    const last = flowing.at(-1)?.[0] ?? 0;
    expect(last - first).toBeGreaterThan(1000);
    expect(flowing.length / ((last - first) / 1000)).toBeGreaterThanOrEqual(4);
  });

  const coverTest = c.cover ? test : () => {};
  coverTest('a video with a cover stores both', async ({ page }) => {
    await openHarness(page, stack, c.provider);
    const video = join(fixturesDir, 'sample-6s-640x360.mp4');
    const cover = join(fixturesDir, 'cover-1280x720.jpg');
    const since = await logMark(stack.sandboxUrl);
    await addFile(page, video, cover);
    const outcome = await upload(page);
    expect(outcome.failed ?? []).toEqual([]);
    expect(outcome.successful?.[0]?.response.body.coverUrl).toMatch(/^https?:\/\//);
    await expectStored(since, await sha256OfFile(video));
    await expectStored(since, await sha256OfFile(cover));
  });

  test('pause stops the bytes, reads only the stored parts, and resume finishes the file', async ({
    page,
  }) => {
    const { since, fileId } = await startBigUpload(page, BIG / 4);
    await page.evaluate((id) => window.harness.pause(id), fileId);
    await page.waitForTimeout(300);
    const countAt = async () =>
      (await requestLog(stack.sandboxUrl, since)).filter((r) => r.action === 'UploadPart').length;
    const pausedRequests = await countAt();
    const pausedBytes = await page.evaluate((id) => window.harness.bytesUploaded(id), fileId);
    await page.waitForTimeout(1200);
    expect(await countAt()).toBe(pausedRequests);
    expect(await page.evaluate((id) => window.harness.bytesUploaded(id), fileId)).toBe(pausedBytes);
    expect(pausedBytes).toBeLessThan(BIG);
    // Paused, the count is at most what the bucket holds: the requests the pause aborted stored
    // nothing, and their bytes are not shown as sent.
    const storedBytes = [...storedPartNumbers(await requestLog(stack.sandboxUrl, since))].reduce<number>(
      (sum, n) => sum + Math.min(c.partSize, BIG - ((n ?? 1) - 1) * c.partSize),
      0,
    );
    expect(pausedBytes).toBeLessThanOrEqual(storedBytes);

    await page.evaluate((id) => window.harness.resume(id), fileId);
    await waitForEvent(page, 'upload-success', fileId, 60_000);
    await expectStored(since, big.sha256);
  });

  test('a file that failed, retried, continues from its stored parts', async ({ page }) => {
    const { since, fileId } = await startBigUpload(page, BIG / 4, { retry: QUICK_RETRY });
    await setFaults(stack.sandboxUrl, { failUploadPercent: { percent: 100, kinds: [503] } });
    await waitForEvent(page, 'upload-error', fileId);
    await clearFaults(stack.sandboxUrl);
    const failedLog = await requestLog(stack.sandboxUrl, since);
    // Parts stored before the first refusal were answered well before the file failed (after its
    // retries), so the client knew them. A part still in flight then may have been stored after the
    // client gave up on it; it cannot be trusted without its checksum and may honestly go again.
    const firstRefusal = failedLog.find((r) => r.action === 'UploadPart' && r.status === 503)?.time ?? 0;
    const doneBefore = storedPartNumbers(failedLog.filter((r) => (r.answeredAt ?? Infinity) < firstRefusal));
    expect(doneBefore.size).toBeGreaterThan(0);

    const outcome = (await page.evaluate((id) => window.harness.retry(id), fileId)) as {
      successful?: unknown[];
    };
    expect(outcome.successful).toHaveLength(1);
    const after = await requestLog(stack.sandboxUrl, failedLog.at(-1)?.seq ?? since);
    expect([...storedPartNumbers(after)].filter((n) => doneBefore.has(n))).toEqual([]);
    expect(after.filter((r) => r.action === c.initiateAction)).toHaveLength(0);
    await expectStored(since, big.sha256);
  });

  test('going offline holds the upload, and it continues when back online', async ({ page, context }) => {
    // One quick retry only: a file that kept trying while offline would fail within the offline window.
    const { since, fileId } = await startBigUpload(page, BIG / 4, { retry: QUICK_RETRY });
    await context.setOffline(true);
    await page.waitForTimeout(300);
    const offlineMark = await logMark(stack.sandboxUrl);
    await page.waitForTimeout(1500);
    const duringOffline = (await requestLog(stack.sandboxUrl, offlineMark)).filter(
      (r) => r.action === 'UploadPart',
    );
    expect(duringOffline).toEqual([]);
    expect(await page.evaluate(() => window.harness.eventsOf('upload-error'))).toEqual([]);
    await context.setOffline(false);
    await waitForEvent(page, 'upload-success', fileId, 60_000);
    expect(await page.evaluate(() => window.harness.eventsOf('upload-error'))).toEqual([]);
    await expectStored(since, big.sha256);
  });

  test('10 % of part requests failing still completes', async ({ page }) => {
    await setFaults(stack.sandboxUrl, {
      failUploadPercent: { percent: 10 },
      failNextUploads: { count: 1, kind: 503 },
    });
    const { since } = await uploadBig(page);
    const log = await requestLog(stack.sandboxUrl, since);
    expect(log.filter((r) => r.fault !== undefined).length).toBeGreaterThanOrEqual(1);
    await expectStored(since, big.sha256);
  });

  const expiryTest = c.onExpiry === 'none' ? () => {} : test;
  expiryTest(
    `a credential expiring mid-upload ${c.onExpiry === 'refresh' ? 'is refreshed and the upload continues' : 'is reported and the upload restarts'}`,
    async ({ page }) => {
      const { since, fileId } = await startBigUpload(page, BIG / 4);
      await expireCredentials(stack.sandboxUrl);
      await waitForEvent(page, 'upload-success', fileId, 60_000);
      const log = await requestLog(stack.sandboxUrl, since);
      const creates = log.filter((r) => r.action === c.createAction && r.status === 200);
      const initiations = log.filter((r) => r.action === c.initiateAction && r.status === 200);
      const warnings = (await page.evaluate(() => window.harness.eventsOf('vod:warning'))).map(
        (e) => (e.data as { code: string }).code,
      );
      if (c.onExpiry === 'restart') {
        expect(warnings).toContain('credential_expired_restarting');
        expect(creates).toHaveLength(2);
        expect(initiations).toHaveLength(2);
      } else {
        expect(initiations).toHaveLength(1);
      }
      await expectStored(since, big.sha256);
    },
  );

  test('after a reload at half-way, re-selecting the file re-sends at most one part', async ({ page }) => {
    const { since } = await startBigUpload(page, BIG / 2);
    expect(await page.evaluate(() => window.harness.checkpointKeys())).toHaveLength(1);
    const { before, after, reloadedAt } = await reloadAndUploadAgain(page, since);
    // Parts answered before the reload were the client's; one still in flight then may have been
    // stored after the page went away, unheard and so untrusted (no checksum of it): it may go again.
    const doneBefore = storedPartNumbers(before.filter((r) => (r.answeredAt ?? Infinity) < reloadedAt));
    expect(doneBefore.size).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.harness.checkpointKeys())).toEqual([]);
    const resent = after.filter((r) => r.action === 'UploadPart' && doneBefore.has(partNumberOf(r)));
    expect(resent.length).toBeLessThanOrEqual(1);
    await expectStored(since, big.sha256);
  });

  test("ownership: after a reload, another user choosing the same file leaves the first user's upload alone and sends it as their own", async ({
    page,
  }) => {
    const as = (user: string) => ({ ...options, headers: { 'x-user': user } });
    await setFaults(stack.sandboxUrl, { bandwidthBytesPerSecond: 16 * MiB });
    await openHarness(page, stack, c.provider, as('alice'));
    const since = await logMark(stack.sandboxUrl);
    const fileId = await addFile(page, big.path);
    await page.evaluate(() => window.harness.startUpload());
    await waitForBytes(page, fileId, BIG / 4);
    await expect
      .poll(async () => storedPartNumbers(await requestLog(stack.sandboxUrl, since)).size, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    // Alice leaves the page; Bob, signed in on the same browser, picks the same file.
    await page.goto(stack.url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('body[data-ready="true"]');
    await clearFaults(stack.sandboxUrl);
    const mark = await logMark(stack.sandboxUrl);
    await page.evaluate(([p, o]) => window.harness.setup(p as 'tencent', o as object), [
      c.provider,
      as('bob'),
    ] as const);
    await addFile(page, big.path);
    const outcome = await upload(page);
    expect(outcome.failed ?? []).toEqual([]);
    const warnings = (await page.evaluate(() => window.harness.eventsOf('vod:warning'))).map(
      (e) => (e.data as { code: string }).code,
    );
    expect(warnings).toContain('checkpoint_not_yours');
    const after = await requestLog(stack.sandboxUrl, mark);
    // Bob's own upload, made for him; Alice's multipart upload is not aborted with her credential.
    expect(after.filter((r) => r.action === c.initiateAction && r.status === 200).length).toBeGreaterThan(0);
    expect(after.filter((r) => r.action === 'AbortMultipartUpload')).toEqual([]);
    await expectStored(mark, big.sha256);
  });

  test('after a reload, stored parts listed over several ListParts pages are all trusted, none re-sent', async ({
    page,
  }) => {
    // One part per page: a resume that read only the first page would send every other part again.
    const { since } = await startBigUpload(page, BIG / 2, { faults: { listPartsPageSize: 1 } });
    await expect
      .poll(async () => storedPartNumbers(await requestLog(stack.sandboxUrl, since)).size, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(3);
    const { before, after, reloadedAt } = await reloadAndUploadAgain(page, since);
    const doneBefore = storedPartNumbers(before.filter((r) => (r.answeredAt ?? Infinity) < reloadedAt));
    expect(doneBefore.size).toBeGreaterThanOrEqual(3);
    expect(after.filter((r) => r.action === 'ListParts').length).toBeGreaterThanOrEqual(doneBefore.size);
    const resent = after.filter((r) => r.action === 'UploadPart' && doneBefore.has(partNumberOf(r)));
    expect(resent.length).toBeLessThanOrEqual(1);
    await expectStored(since, big.sha256);
  });

  test('the answer to CompleteMultipartUpload lost after the object was made: resolves to the file once, no part sent twice', async ({
    page,
  }) => {
    await setFaults(stack.sandboxUrl, { loseCompleteAnswers: { count: 1 } });
    const { since, outcome } = await uploadBig(page);
    expect(outcome.successful?.[0]?.response.body).toMatchObject({
      id: expect.any(String),
      checksum: { algorithm: c.checksum, value: expect.any(String) },
    });
    const log = await requestLog(stack.sandboxUrl, since);
    expect(log.find((r) => r.action === 'CompleteMultipartUpload')?.fault).toBe('answer-lost');
    // Every part went once: the object that Complete made is the file, so nothing is sent again.
    const parts = log.filter((r) => r.action === 'UploadPart' && r.status === 200);
    expect(parts).toHaveLength(Math.ceil(BIG / c.partSize));
    expect(log.filter((r) => r.action === c.initiateAction)).toHaveLength(1);
    if (c.commitAction)
      expect(log.filter((r) => r.action === c.commitAction && r.status === 200)).toHaveLength(1);
    await expectStored(since, big.sha256);
  });

  test('the answer to InitiateMultipartUpload lost after the upload was made: the file arrives once; on S3 no upload is left open', async ({
    page,
  }) => {
    await setFaults(stack.sandboxUrl, { loseCreateAnswers: { count: 1 } });
    const { since } = await uploadBig(page);
    const log = await requestLog(stack.sandboxUrl, since);
    const creates = log.filter((r) => r.action === c.initiateAction);
    expect(creates[0]?.fault).toBe('answer-lost');
    expect(creates.length).toBeGreaterThanOrEqual(2);
    await expectStored(since, big.sha256);
    if (c.provider === 's3') {
      // The endpoint's complete aborted the upload whose UploadId never arrived.
      const made = new Set(creates.map((r) => r.uploadId));
      const open = (await multipartUploads(stack.sandboxUrl, bucket)) as { uploadId: string }[];
      expect(open.filter((u) => made.has(u.uploadId))).toEqual([]);
    }
  });

  if (c.createRoute) {
    const createRoute = c.createRoute;
    test("ownership: the endpoint's answer to the create lost after the cloud made the session: the retry gets that session, one made", async ({
      page,
    }) => {
      // The first create reaches the endpoint, which has the cloud open a session; its answer never arrives.
      const bodies = await loseFirstAnswer(page, createRoute);
      const { since } = await uploadBig(page);
      expect(bodies.length).toBeGreaterThanOrEqual(2);
      // The retry is the same request: the same body, requestId included.
      expect(new Set(bodies).size).toBe(1);
      const log = await requestLog(stack.sandboxUrl, since);
      expect(log.filter((r) => r.action === c.createAction)).toHaveLength(1);
      await expectStored(since, big.sha256);
    });
  }

  test("the endpoint's answer to the finishing call lost after it finished: the media id arrives, one media", async ({
    page,
  }) => {
    const calls = await loseFirstAnswer(page, c.finishRoute);
    const { since, outcome } = await uploadBig(page);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    const id = (outcome.successful?.[0]?.response.body as { id?: string } | undefined)?.id;
    expect(id).toEqual(expect.any(String));
    const log = await requestLog(stack.sandboxUrl, since);
    expect(log.filter((r) => r.action === c.initiateAction)).toHaveLength(1);
    if (c.provider === 'tencent') expect(log.filter((r) => r.action === 'CommitUpload')).toHaveLength(1);
    await expectStored(since, big.sha256);
  });

  test('integrity: 10 % of parts corrupted in transit are re-sent, counted, and the object is the file', async ({
    page,
  }) => {
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await setFaults(stack.sandboxUrl, { corruptParts: { count: 1, percent: 10 } });
    const { since, fileId, outcome } = await uploadBig(page);
    const log = await requestLog(stack.sandboxUrl, since);
    const corrupted = log.filter((r) => r.action === 'UploadPart' && r.fault === 'corrupt-transit');
    expect(corrupted.length).toBeGreaterThanOrEqual(1);
    const resent = await page.evaluate(
      (id) => window.harness.eventsOf('vod:part-resent').filter((e) => e.fileId === id),
      fileId,
    );
    expect(resent).toHaveLength(corrupted.length);
    expect(resent.map((e) => (e.data as { partNumber: number }).partNumber).sort()).toEqual(
      corrupted.map((r) => partNumberOf(r)).sort(),
    );
    expect(outcome.successful?.[0]?.response.body).toMatchObject({
      checksum: { algorithm: c.checksum, value: expect.any(String) },
    });
    await expectStored(since, big.sha256);
    // The parts were hashed in the module worker, not on the main thread: it started and is still
    // alive (one that failed to load is terminated and its work done on the main thread).
    expect(workers.some((url) => url.includes('crc-worker'))).toBe(true);
    expect(page.workers().some((w) => w.url().includes('crc-worker'))).toBe(true);
  });

  test('integrity: the object corrupted after the last part fails with integrity_failed, no media id, nothing committed', async ({
    page,
  }) => {
    await setFaults(stack.sandboxUrl, { corruptCompletes: { count: 1 } });
    await openHarness(page, stack, c.provider, options);
    const since = await logMark(stack.sandboxUrl);
    const fileId = await addFile(page, big.path);
    const outcome = await upload(page);
    expect(outcome.successful ?? []).toEqual([]);
    expect(await waitForEvent(page, 'upload-error', fileId)).toMatchObject({
      code: 'integrity_failed',
      provider: c.provider,
    });
    const log = await requestLog(stack.sandboxUrl, since);
    if (c.commitAction) expect(log.filter((r) => r.action === c.commitAction)).toEqual([]);
    const completed = storedObjects(log);
    expect(completed).toHaveLength(1);
    const object = completed[0] as { bucket: string; key: string };
    // Deleted where the upload credential allows it: nothing of the corrupt object is left.
    const left = await storedObject(stack.sandboxUrl, object.bucket, object.key);
    if (c.deletesObject) expect(left).toBeUndefined();
    else expect(left?.sha256).not.toBe(big.sha256);
  });

  test('integrity: after a reload, a stored part that is not the file is re-sent', async ({ page }) => {
    const faults = { corruptParts: { count: 1, at: 'rest' } };
    const { since } = await startBigUpload(page, BIG / 2, { faults });
    const { before, after } = await reloadAndUploadAgain(page, since);
    const damaged = before.find((r) => r.fault === 'corrupt-rest' && r.status === 200);
    // The log of what was faulted, should the damaged part not be among the stored ones.
    expect(damaged, JSON.stringify(before.filter((r) => r.fault !== undefined))).toBeDefined();
    const resent = after.filter(
      (r) =>
        r.action === 'UploadPart' &&
        r.status === 200 &&
        partNumberOf(r) === partNumberOf(damaged as RequestRecord),
    );
    expect(resent).toHaveLength(1);
    await expectStored(since, big.sha256);
  });

  test('cancel aborts the multipart upload on the bucket', async ({ page }) => {
    const { since, fileId } = await startBigUpload(page, BIG / 4);
    await page.evaluate(() => window.harness.cancelAll());
    const outcome = (await waitForEvent(page, 'vod:cancelled', fileId)) as { abortedOnBucket: boolean };
    expect(outcome.abortedOnBucket).toBe(true);
    const ids = new Set(
      (await requestLog(stack.sandboxUrl, since)).filter((r) => r.action === 'UploadPart').map(uploadIdOf),
    );
    expect(ids.size).toBe(1);
    const open = (await multipartUploads(stack.sandboxUrl, bucket)) as { uploadId: string }[];
    expect(open.filter((u) => ids.has(u.uploadId))).toEqual([]);
  });

  if (c.sdkChunk) {
    const chunk = c.sdkChunk;
    test(`${chunk} loads while the page is idle after the plugin is installed (not with preloadSdk: false)`, async ({
      page,
    }) => {
      const loaded: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes(chunk)) loaded.push(request.url());
      });
      await openHarness(page, stack, c.provider, { preloadSdk: false });
      await page.waitForTimeout(1500);
      expect(loaded).toEqual([]);

      await openHarness(page, stack, c.provider);
      await expect.poll(() => loaded.length, { timeout: 5000 }).toBeGreaterThan(0);
    });
  }
}
