import { randomBytes } from 'node:crypto';
import { S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { createCRC32 } from 'hash-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeByUserHeader, type Harness, startHarness } from './harness.js';
import { sha256, storedSha256 } from './support/stored-bytes.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    authorize: authorizeByUserHeader,
    policy: { maxFileSize: 64 * 1024 * 1024 },
  });
});
afterAll(async () => {
  await h?.close();
});

const PART_SIZE = 5 * 1024 * 1024;

async function crc32c(data: Uint8Array): Promise<string> {
  const hasher = await createCRC32(0x82f63b78);
  hasher.init();
  hasher.update(data);
  return Buffer.from(hasher.digest('binary')).toString('base64');
}

const xml = (text: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1];

async function sign(body: Record<string, unknown>, user = 'alice') {
  const answer = await h.call('POST', '/s3/sign', body, { 'x-user': user });
  expect(answer.status, answer.text).toBe(200);
  return answer;
}

/** A multipart upload of `data` in 5 MiB parts, each sent with its signed CRC32C: ready to complete. */
async function storedParts(fileName: string, data: Buffer, lostCreates = 0) {
  const create = await sign({
    method: 'POST',
    key: fileName,
    fileName,
    fileSize: data.length,
    partSize: PART_SIZE,
    checksumAlgorithm: 'CRC32C',
  });
  const { key, url, headers } = create.json.result;
  const ticket = create.json.ticket as string;
  // A create whose answer was lost, resent: the cloud made an upload nobody will use.
  for (let i = 0; i < lostCreates; i++)
    expect((await fetch(url, { method: 'POST', headers })).status).toBe(200);
  const uploadId = xml(await (await fetch(url, { method: 'POST', headers })).text(), 'UploadId') as string;
  const parts: { partNumber: number; etag: string; checksumCRC32C: string }[] = [];
  for (let n = 1; (n - 1) * PART_SIZE < data.length; n++) {
    const body = new Uint8Array(data.subarray((n - 1) * PART_SIZE, n * PART_SIZE));
    const checksumCRC32C = await crc32c(body);
    const part = await sign({
      method: 'PUT',
      key,
      uploadId,
      partNumber: n,
      partSize: body.length,
      checksumCRC32C,
      ticket,
    });
    const sent = await fetch(part.json.result.url, {
      method: 'PUT',
      body,
      headers: part.json.result.headers,
    });
    expect(sent.status).toBe(200);
    parts.push({ partNumber: n, etag: sent.headers.get('etag') as string, checksumCRC32C });
  }
  return { key: key as string, uploadId, ticket, parts };
}

const complete = (body: Record<string, unknown>, user = 'alice') =>
  h.call('POST', '/s3/complete', body, { 'x-user': user });

const s3Actions = (since: number) =>
  h.sandbox.context.log
    .list(since)
    .filter((r) => r.api === 's3')
    .map((r) => r.action);

describe('S3: the endpoint completes a multipart upload itself', () => {
  it('sends CompleteMultipartUpload with the declared size, answers the verified composite checksum, and asks no HeadObject after it', async () => {
    const data = randomBytes(2 * PART_SIZE + 4321);
    const { key, uploadId, ticket, parts } = await storedParts('whole.mp4', data);
    const since = h.sandbox.context.log.lastSeq;
    const done = await complete({ key, ticket, uploadId, parts });
    expect(done.status, done.text).toBe(200);
    const joined = Buffer.concat(parts.map((p) => Buffer.from(p.checksumCRC32C, 'base64')));
    expect(done.json.result).toMatchObject({
      key,
      size: data.length,
      eTag: expect.any(String),
      checksumCRC32C: `${await crc32c(joined)}-3`,
    });
    expect(await storedSha256(h.sandbox, h.sandbox.descriptor.s3.bucket, key)).toBe(sha256(data));
    // No HeadObject: the size was S3's to check (x-amz-mp-object-size). Then one look for uploads
    // left open on the key (none here).
    expect(s3Actions(since)).toEqual(['CompleteMultipartUpload', 'ListMultipartUploads']);
    expect(h.uploaded.filter((e) => e.mediaId === key)).toMatchObject([
      { provider: 's3', caller: { id: 'alice' } },
    ]);
    // The answer carries the media ticket that reads its status, as a checked PUT's does.
    expect(done.json.ticket).toEqual(expect.any(String));
  });

  it('answers a retried complete (its first answer lost) from the object the parts made, and reports it once', async () => {
    const data = randomBytes(PART_SIZE + 2048);
    const { key, uploadId, ticket, parts } = await storedParts('twice.mp4', data);
    const first = await complete({ key, ticket, uploadId, parts });
    expect(first.status, first.text).toBe(200);
    const again = await complete({ key, ticket, uploadId, parts });
    expect(again.status, again.text).toBe(200);
    expect(again.json.result).toEqual(first.json.result);
    expect(h.uploaded.filter((e) => e.mediaId === key)).toHaveLength(1);
    // Another parts list is not the object's: the upload is gone, and that is what it is told.
    const other = [parts[0], { ...parts[1], etag: '"00000000000000000000000000000000"' }];
    expect((await complete({ key, ticket, uploadId, parts: other })).json.error).toMatchObject({
      code: 'not_found',
      cloudCode: 'NoSuchUpload',
    });
  });

  it('aborts the uploads a lost create answer left open on the key, once the object is complete', async () => {
    const data = randomBytes(PART_SIZE + 99);
    const { bucket } = h.sandbox.descriptor.s3;
    const { key, uploadId, ticket, parts } = await storedParts('orphans.mp4', data, 2);
    const openOn = async () =>
      (await h.sandbox.context.store.listMultipartUploads(bucket)).filter((u) => u.key === key);
    expect(await openOn()).toHaveLength(3);
    const done = await complete({ key, ticket, uploadId, parts });
    expect(done.status, done.text).toBe(200);
    expect(await openOn()).toEqual([]);
    expect(await storedSha256(h.sandbox, bucket, key)).toBe(sha256(data));
  });

  it('refuses a parts list that is not parts 1 to n, and completes nothing', async () => {
    const data = randomBytes(PART_SIZE + 10);
    const { key, uploadId, ticket, parts } = await storedParts('short.mp4', data);
    const since = h.sandbox.context.log.lastSeq;
    for (const listed of [
      parts.slice(0, 1),
      [parts[1], parts[0]],
      [...parts, { ...parts[1], partNumber: 3 }],
    ]) {
      const refused = await complete({ key, ticket, uploadId, parts: listed });
      expect(refused.json.error).toMatchObject({ code: 'request_invalid', field: 'parts' });
    }
    const unchecked = await complete({
      key,
      ticket,
      uploadId,
      parts: [parts[0], { ...parts[1], checksumCRC32C: undefined }],
    });
    expect(unchecked.json.error).toMatchObject({ code: 'request_invalid', field: 'parts' });
    expect((await complete({ key, ticket, uploadId })).json.error).toMatchObject({ code: 'request_invalid' });
    expect(s3Actions(since)).toEqual([]);
    expect(h.uploaded.filter((e) => e.mediaId === key)).toEqual([]);
    // Still completable as it should be.
    expect((await complete({ key, ticket, uploadId, parts })).status).toBe(200);
  });

  it('sends the declared size: a part stored behind its back at another length makes S3 refuse the completion', async () => {
    const data = randomBytes(PART_SIZE + 500);
    const { key, uploadId, ticket, parts } = await storedParts('grown.mp4', data);
    // The same part number again, 1 KiB longer, sent with the account's own key (not a URL it signed).
    const { endpoint, region, accessKeyId, secretAccessKey } = h.sandbox.descriptor.s3;
    const s3 = new S3Client({
      endpoint,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId, secretAccessKey },
    });
    const Body = randomBytes(500 + 1024);
    // With the upload's algorithm: S3 refuses a part of a CRC32C upload that declares another one.
    const { ETag } = await s3.send(
      new UploadPartCommand({
        Bucket: h.sandbox.descriptor.s3.bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: 2,
        Body,
        ChecksumAlgorithm: 'CRC32C',
      }),
    );
    s3.destroy();
    const grown = [parts[0], { partNumber: 2, etag: ETag as string, checksumCRC32C: await crc32c(Body) }];
    const refused = await complete({ key, ticket, uploadId, parts: grown });
    expect(refused.json.error).toMatchObject({ code: 'cloud_refused', cloudCode: 'InvalidRequest' });
    expect(h.uploaded.filter((e) => e.mediaId === key)).toEqual([]);
  });

  it('completes nothing for another caller holding the ticket, or for another key', async () => {
    const { key, uploadId, ticket, parts } = await storedParts('theirs.mp4', randomBytes(PART_SIZE + 1));
    const since = h.sandbox.context.log.lastSeq;
    expect((await complete({ key, ticket, uploadId, parts }, 'mallory')).status).toBe(403);
    const other = key.replace(/theirs\.mp4$/, 'other.mp4');
    expect((await complete({ key: other, ticket, uploadId, parts })).status).toBe(403);
    expect(s3Actions(since)).toEqual([]);
  });

  it('deletes an object whose composite checksum is not its parts (integrity_failed) and reports nothing', async () => {
    const { key, uploadId, ticket, parts } = await storedParts('bent.mp4', randomBytes(PART_SIZE + 99));
    h.sandbox.context.faults.set({ corruptCompletes: { count: 1 } });
    const failed = await complete({ key, ticket, uploadId, parts });
    h.sandbox.context.faults.reset();
    expect(failed.json.error).toMatchObject({ code: 'integrity_failed', provider: 's3' });
    const stored = await fetch(
      `${h.sandbox.descriptor.adminUrl}/objects?bucket=${h.sandbox.descriptor.s3.bucket}&key=${encodeURIComponent(key)}`,
    );
    expect(stored.status).toBe(404);
    expect(h.uploaded.filter((e) => e.mediaId === key)).toEqual([]);
  });
});
