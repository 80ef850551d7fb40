import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, authorizeByUserHeader, errorOf, type Harness, startHarness } from './harness.js';
import { SAMPLE_MP4 } from './media-origin.js';
import * as failures from './support/cloud-failures.js';
import { sha256, storedSha256 } from './support/stored-bytes.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    authorize: authorizeByUserHeader,
    policy: { maxFileSize: 20 * 1024 * 1024 },
  });
});
afterAll(async () => {
  await h?.close();
});

const KEY_SHAPE = /^uploads\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{16}-[0-9a-f]{32}\/[\w.-]+$/;

async function sign(body: Record<string, unknown>, user = 'alice') {
  return h.call('POST', '/s3/sign', body, { 'x-user': user });
}

async function signed(
  body: Record<string, unknown>,
  user = 'alice',
): Promise<{ url: string; key?: string; headers?: Record<string, string>; ticket?: string }> {
  const answer = await sign(body, user);
  expect(answer.status, answer.text).toBe(200);
  return { ...answer.json.result, ticket: answer.json.ticket };
}

/** Asks the endpoint, as `user`, to complete `key` of the session `ticket` names. */
function completeUpload(body: { key?: string; ticket?: string }, user = 'alice'): Promise<Answer> {
  return h.call('POST', '/s3/complete', body, { 'x-user': user });
}

/** The sha256 of an object of the S3 bucket, as the sandbox stored it. */
const storedS3 = (key: string) => storedSha256(h.sandbox, h.sandbox.descriptor.s3.bucket, key);

/** Signs a one-byte PUT of `a.mp4` through `harness` (the answer carries the key and its ticket). */
function signOneByte(harness: Harness): Promise<Answer> {
  return harness.call('POST', '/s3/sign', { method: 'PUT', key: 'a.mp4', fileName: 'a.mp4', fileSize: 1 });
}

/** Asks `harness` to complete the key a sign answer generated, with that answer's ticket. */
function completeSigned(harness: Harness, put: Answer): Promise<Answer> {
  return harness.call('POST', '/s3/complete', { key: put.json.result.key, ticket: put.json.ticket });
}

function xmlValue(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

const PART_SIZE = 5 * 1024 * 1024;

async function createMultipart(fileName: string, fileSize: number) {
  const create = await signed({ method: 'POST', key: fileName, fileName, fileSize, partSize: PART_SIZE });
  expect(create.ticket).toEqual(expect.any(String));
  const created = await fetch(create.url, { method: 'POST', headers: create.headers });
  expect(created.status).toBe(200);
  const uploadId = xmlValue(await created.text(), 'UploadId');
  expect(uploadId).toBeTruthy();
  return { key: create.key!, uploadId: uploadId!, ticket: create.ticket! };
}

describe('s3 routes against the sandbox', () => {
  it('signs a single PUT for a key it generates, and reports the object once', async () => {
    const put = await signed({
      method: 'PUT',
      key: 'my holiday (1).mp4',
      fileName: 'my holiday (1).mp4',
      fileSize: SAMPLE_MP4.length,
      contentType: 'video/mp4',
    });
    expect(put.key).toMatch(KEY_SHAPE);
    expect(put.key).toMatch(/\/my_holiday_1_\.mp4$/);
    // The type and the store-once condition are signed: the answer names the headers to send.
    expect(put.headers).toEqual({ 'content-type': 'video/mp4', 'if-none-match': '*' });
    const uploaded = await fetch(put.url, { method: 'PUT', body: SAMPLE_MP4, headers: put.headers });
    expect(uploaded.status).toBe(200);
    expect(await storedS3(put.key!)).toBe(sha256(SAMPLE_MP4));

    const done = await completeUpload({ key: put.key, ticket: put.ticket });
    expect(done.status).toBe(200);
    expect(done.json.result).toMatchObject({
      key: put.key,
      size: SAMPLE_MP4.length,
      eTag: expect.any(String),
      contentType: 'video/mp4',
    });
    await completeUpload({ key: put.key, ticket: put.ticket });
    expect(h.uploaded.filter((e) => e.mediaId === put.key)).toMatchObject([
      { provider: 's3', kind: 'object', caller: { id: 'alice' } },
    ]);
  });

  it('signs every multipart step: create, parts, list, complete', async () => {
    const part1 = randomBytes(5 * 1024 * 1024);
    const part2 = randomBytes(123_457);
    const { key, uploadId, ticket } = await createMultipart('big.webm', part1.length + part2.length);
    expect(key).toMatch(KEY_SHAPE);
    const etags: string[] = [];
    for (const [index, data] of [part1, part2].entries()) {
      const part = await signed({
        method: 'PUT',
        key,
        uploadId,
        partNumber: index + 1,
        partSize: data.length,
        ticket,
      });
      expect(part.key).toBeUndefined();
      const response = await fetch(part.url, { method: 'PUT', body: data });
      expect(response.status).toBe(200);
      etags.push(response.headers.get('etag')!);
    }
    const list = await signed({ method: 'GET', key, uploadId, ticket });
    const listed = await (await fetch(list.url)).text();
    expect(listed.match(/<PartNumber>\d+<\/PartNumber>/g)).toEqual([
      '<PartNumber>1</PartNumber>',
      '<PartNumber>2</PartNumber>',
    ]);
    // The next page, from the marker the endpoint signs in (S3 pages ListParts by 1,000).
    const after1 = await signed({ method: 'GET', key, uploadId, ticket, partNumberMarker: 1 });
    expect(new URL(after1.url).searchParams.get('part-number-marker')).toBe('1');
    const page2 = await (await fetch(after1.url)).text();
    expect(page2.match(/<PartNumber>\d+<\/PartNumber>/g)).toEqual(['<PartNumber>2</PartNumber>']);
    expect(xmlValue(page2, 'PartNumberMarker')).toBe('1');
    const complete = await signed({ method: 'POST', key, uploadId, ticket });
    const xml = `<CompleteMultipartUpload>${etags
      .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`)
      .join('')}</CompleteMultipartUpload>`;
    const completed = await fetch(complete.url, {
      method: 'POST',
      body: xml,
      headers: { 'content-type': 'application/xml', ...complete.headers },
    });
    expect(completed.status, await completed.clone().text()).toBe(200);
    expect(await storedS3(key)).toBe(sha256(Buffer.concat([part1, part2])));
    const done = await completeUpload({ key, ticket });
    expect(done.json.result.size).toBe(part1.length + part2.length);
  });

  it('signs an abort, after which the upload is gone', async () => {
    const { key, uploadId, ticket } = await createMultipart('dropped.mp4', 10);
    const abort = await signed({ method: 'DELETE', key, uploadId, ticket });
    expect((await fetch(abort.url, { method: 'DELETE' })).status).toBe(204);
    const list = await signed({ method: 'GET', key, uploadId, ticket });
    const listed = await fetch(list.url);
    expect(listed.status).toBe(404);
    expect(await listed.text()).toContain('NoSuchUpload');
  });

  it('signs nothing for keys it did not generate for this caller', async () => {
    const { key, uploadId, ticket } = await createMultipart('mine.mp4', 10);
    const forged = key.replace(/-[0-9a-f]{32}\//, `-${'0'.repeat(32)}/`);
    const renamed = key.replace(/mine\.mp4$/, 'other.mp4');
    // Alice's ticket names her key: any other key, or anyone else holding it, is refused.
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ method: 'PUT', key: 'uploads/anything.mp4', uploadId, partNumber: 1, ticket }, 'alice'],
      [{ method: 'PUT', key: forged, uploadId, partNumber: 1, ticket }, 'alice'],
      [{ method: 'PUT', key: renamed, uploadId, partNumber: 1, ticket }, 'alice'],
      [{ method: 'POST', key, uploadId, ticket }, 'mallory'],
      [{ method: 'DELETE', key, uploadId, ticket }, 'mallory'],
    ];
    for (const [body, user] of cases) {
      const answer = await sign(body, user);
      expect(answer.status, JSON.stringify(body)).toBe(403);
      expect(errorOf(answer)).toMatchObject({ code: 'forbidden', field: 'ticket' });
    }
    const theirs = await completeUpload({ key, ticket }, 'mallory');
    expect(errorOf(theirs)).toMatchObject({ code: 'forbidden', field: 'ticket' });
  });

  it('refuses by policy and by shape', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ method: 'PUT', key: 'run.exe', fileName: 'run.exe', fileSize: 1 }, 'policy_refused', 'fileName'],
      [{ method: 'PUT', key: 'noext', fileName: 'noext', fileSize: 1 }, 'policy_refused', 'fileName'],
      [
        { method: 'POST', key: 'a.mp4', fileName: 'a.mp4', fileSize: 20 * 1024 * 1024 + 1 },
        'policy_refused',
        'fileSize',
      ],
      [{ method: 'PUT', key: 'a.mp4', fileName: 'a.mp4' }, 'policy_refused', 'fileSize'],
      [{ method: 'DELETE', key: 'a.mp4' }, 'policy_refused', 'method'],
      [{ method: 'GET', key: 'a.mp4' }, 'policy_refused', 'method'],
      [{ method: 'PATCH', key: 'a.mp4' }, 'request_invalid', 'method'],
      [
        { method: 'GET', key: 'a.mp4', uploadId: 'x', partNumberMarker: 0 },
        'request_invalid',
        'partNumberMarker',
      ],
      [{ method: 'PUT', key: 'a.mp4', uploadId: 'x' }, 'request_invalid', 'ticket'],
      [
        { method: 'PUT', key: 'page.mp4', fileName: 'page.mp4', fileSize: 1, contentType: 'text/html' },
        'policy_refused',
        'contentType',
      ],
      [{ method: 'POST', key: 'a.mp4', fileName: 'a.mp4', fileSize: 1 }, 'request_invalid', 'partSize'],
      [
        { method: 'PUT', key: 'a.mp4', fileName: 'a.mp4', fileSize: 1, bucket: 'other' },
        'request_invalid',
        'bucket',
      ],
    ];
    for (const [body, code, field] of cases) {
      const answer = await sign(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(answer), JSON.stringify(body)).toMatchObject({ code, field });
    }
    const { key, uploadId, ticket } = await createMultipart('x.mp4', 10);
    const noPart = await sign({ method: 'PUT', key, uploadId, ticket });
    expect(errorOf(noPart)).toMatchObject({ code: 'request_invalid', field: 'partNumber' });
  });

  it('answers 404 for an object that was never uploaded, and refuses unknown callers', async () => {
    const put = await signed({ method: 'PUT', key: 'ghost.mp4', fileName: 'ghost.mp4', fileSize: 1 });
    const missing = await completeUpload({ key: put.key, ticket: put.ticket });
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toMatchObject({ code: 'not_found', provider: 's3', cloudCode: 'NotFound' });
    expect(h.uploaded.some((e) => e.mediaId === put.key)).toBe(false);

    const anonymous = await h.call('POST', '/s3/sign', {
      method: 'PUT',
      key: 'a.mp4',
      fileName: 'a.mp4',
      fileSize: 1,
    });
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).code).toBe('unauthorized');
  });

  it('maps an unreachable store to 502', async () => {
    const { s3 } = (await import('@vod-uploader/server')).configFromSandboxDescriptor(h.sandbox.descriptor);
    const down = await startHarness(
      { s3: { ...s3, endpoint: 'http://127.0.0.1:9', keySigningSecret: 'shared-key-signing-secret' } },
      { sandbox: h.sandbox },
    );
    try {
      const put = await signOneByte(down);
      failures.expectCloudUnavailable(await completeSigned(down, put), 's3');
    } finally {
      await down.close();
    }
  });

  it('maps a wrong server key to a safe 500', async () => {
    const { s3 } = (await import('@vod-uploader/server')).configFromSandboxDescriptor(h.sandbox.descriptor);
    const wrong = await startHarness(
      {
        s3: { ...s3, secretAccessKey: 'wrong-s3-secret-key', keySigningSecret: 'shared-key-signing-secret' },
      },
      { sandbox: h.sandbox },
    );
    try {
      const put = await signOneByte(wrong);
      expect(put.status).toBe(200);
      // The URL is signed with the wrong key, so the store refuses it; the endpoint cannot know.
      expect((await fetch(put.json.result.url, { method: 'PUT', body: 'x' })).status).toBe(403);
      const head = await completeSigned(wrong, put);
      expect(head.status).toBe(500);
      expect(errorOf(head)).toMatchObject({ code: 'internal', provider: 's3' });
      expect(head.text).not.toContain('wrong-s3-secret-key');
    } finally {
      await wrong.close();
    }
  });
});
