import { randomBytes } from 'node:crypto';
import { createCRC32 } from 'hash-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ policy: { maxFileSize: 64 * 1024 * 1024 } });
});
afterAll(async () => {
  await h?.close();
});

async function crc32c(data: Uint8Array): Promise<string> {
  const hasher = await createCRC32(0x82f63b78);
  hasher.init();
  hasher.update(data);
  return Buffer.from(hasher.digest('binary')).toString('base64');
}

async function signed(body: Record<string, unknown>) {
  const answer = await h.call('POST', '/s3/sign', body);
  expect(answer.status, answer.text).toBe(200);
  const result = answer.json.result as { url: string; key?: string; headers?: Record<string, string> };
  return { ...result, ticket: answer.json.ticket as string | undefined };
}

const xml = (text: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1];

describe('S3 checksums (CRC32C), signed by the endpoint, checked by the sandbox', () => {
  it('signs a PUT with x-amz-checksum-crc32c as a header: S3 stores the bytes, refuses others with BadDigest', async () => {
    const body = randomBytes(1000);
    const checksum = await crc32c(body);
    const put = await signed({
      method: 'PUT',
      key: 'a.mp4',
      fileName: 'a.mp4',
      fileSize: 1000,
      checksumCRC32C: checksum,
    });
    // Beside the bounds (type, no overwrite) the endpoint signs, the checksum header.
    expect(put.headers).toMatchObject({ 'x-amz-checksum-crc32c': checksum });
    expect(new URL(put.url).searchParams.get('X-Amz-SignedHeaders')).toContain('x-amz-checksum-crc32c');

    const other = Buffer.from(body);
    other[10] = (other[10] ?? 0) ^ 1;
    const refused = await fetch(put.url, { method: 'PUT', body: other, headers: put.headers });
    expect(refused.status).toBe(400);
    expect(xml(await refused.text(), 'Code')).toBe('BadDigest');
    // Without the signed header the request is not the one signed.
    expect((await fetch(put.url, { method: 'PUT', body })).status).toBe(403);

    const stored = await fetch(put.url, { method: 'PUT', body, headers: put.headers });
    expect(stored.status).toBe(200);
    expect(stored.headers.get('x-amz-checksum-crc32c')).toBe(checksum);
  });

  it('creates a CRC32C multipart upload, lists each part’s checksum, and completes with the composite one', async () => {
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1234)];
    const create = await signed({
      method: 'POST',
      key: 'b.mp4',
      fileName: 'b.mp4',
      fileSize: 5 * 1024 * 1024 + 1234,
      partSize: 5 * 1024 * 1024,
      checksumAlgorithm: 'CRC32C',
    });
    expect(create.headers).toMatchObject({ 'x-amz-checksum-algorithm': 'CRC32C' });
    const { ticket } = create;
    const created = await fetch(create.url, { method: 'POST', headers: create.headers });
    expect(created.status).toBe(200);
    const uploadId = xml(await created.text(), 'UploadId') as string;
    const key = create.key as string;
    const sums: string[] = [];
    const etags: string[] = [];
    for (const [i, part] of parts.entries()) {
      const checksum = await crc32c(part);
      const signedPart = await signed({
        method: 'PUT',
        key,
        uploadId,
        partNumber: i + 1,
        partSize: part.length,
        checksumCRC32C: checksum,
        ticket,
      });
      const sent = await fetch(signedPart.url, { method: 'PUT', body: part, headers: signedPart.headers });
      expect(sent.status).toBe(200);
      sums.push(checksum);
      etags.push(sent.headers.get('etag') as string);
    }
    const list = await signed({ method: 'GET', key, uploadId, ticket });
    const listed = await (await fetch(list.url)).text();
    expect([...listed.matchAll(/<ChecksumCRC32C>([^<]+)<\/ChecksumCRC32C>/g)].map((m) => m[1])).toEqual(sums);

    const complete = await signed({ method: 'POST', key, uploadId, ticket });
    const partsXml = (withSums: boolean) =>
      `<CompleteMultipartUpload>${etags
        .map(
          (etag, i) =>
            `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag>${withSums ? `<ChecksumCRC32C>${sums[i]}</ChecksumCRC32C>` : ''}</Part>`,
        )
        .join('')}</CompleteMultipartUpload>`;
    // Complete is signed with If-None-Match (it cannot replace a stored object): sent as told.
    const { headers } = complete;
    const missing = await fetch(complete.url, { method: 'POST', body: partsXml(false), headers });
    expect(missing.status).toBe(400);
    const done = await fetch(complete.url, { method: 'POST', body: partsXml(true), headers });
    expect(done.status).toBe(200);
    const joined = Buffer.concat(sums.map((s) => Buffer.from(s, 'base64')));
    expect(xml(await done.text(), 'ChecksumCRC32C')).toBe(`${await crc32c(joined)}-2`);
  });
});

describe('S3 parts signed in batches (one /s3/sign call for the next N parts)', () => {
  it('signs three parts in one call, each with its own Content-Length and CRC32C header; the object is the file', async () => {
    const partSize = 5 * 1024 * 1024;
    const data = [randomBytes(partSize), randomBytes(partSize), randomBytes(4321)];
    const total = data.reduce((n, d) => n + d.length, 0);
    const create = await signed({
      method: 'POST',
      key: 'batch.mp4',
      fileName: 'batch.mp4',
      fileSize: total,
      partSize,
      checksumAlgorithm: 'CRC32C',
    });
    const created = await fetch(create.url, { method: 'POST', headers: create.headers });
    const uploadId = xml(await created.text(), 'UploadId') as string;
    const key = create.key as string;
    const sums = await Promise.all(data.map(crc32c));

    const answer = await h.call('POST', '/s3/sign', {
      method: 'PUT',
      key,
      uploadId,
      ticket: create.ticket,
      parts: data.map((d, i) => ({ partNumber: i + 1, partSize: d.length, checksumCRC32C: sums[i] })),
    });
    expect(answer.status, answer.text).toBe(200);
    const { parts } = answer.json.result as {
      parts: { partNumber: number; url: string; headers?: Record<string, string> }[];
    };
    expect(parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    for (const [i, part] of parts.entries()) {
      expect(part.headers).toEqual({ 'x-amz-checksum-crc32c': sums[i] });
      expect(new URL(part.url).searchParams.get('partNumber')).toBe(String(i + 1));
    }
    // Each URL is signed for its own part's length: another part's bytes are refused.
    expect(
      (await fetch(parts[2]!.url, { method: 'PUT', body: data[0], headers: parts[2]!.headers })).status,
    ).toBe(403);
    const etags: string[] = [];
    for (const [i, part] of parts.entries()) {
      const stored = await fetch(part.url, { method: 'PUT', body: data[i], headers: part.headers });
      expect(stored.status).toBe(200);
      etags.push(stored.headers.get('etag') as string);
    }
    const complete = await signed({ method: 'POST', key, uploadId, ticket: create.ticket });
    const body = `<CompleteMultipartUpload>${etags
      .map(
        (etag, i) =>
          `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag><ChecksumCRC32C>${sums[i]}</ChecksumCRC32C></Part>`,
      )
      .join('')}</CompleteMultipartUpload>`;
    expect((await fetch(complete.url, { method: 'POST', body, headers: complete.headers })).status).toBe(200);
    const stored = await fetch(
      `${h.sandbox.descriptor.adminUrl}/objects?bucket=${h.sandbox.descriptor.s3.bucket}&key=${encodeURIComponent(key)}`,
    );
    const { createHash } = await import('node:crypto');
    expect(((await stored.json()) as { sha256: string }).sha256).toBe(
      createHash('sha256').update(Buffer.concat(data)).digest('hex'),
    );
  });

  it('refuses a batch mixed with a single partNumber, on a create, or larger than 100 parts', async () => {
    const create = await signed({
      method: 'POST',
      key: 'b.mp4',
      fileName: 'b.mp4',
      fileSize: 10,
      partSize: 5 * 1024 * 1024,
    });
    const base = { method: 'PUT', key: create.key, uploadId: 'u', ticket: create.ticket };
    const mixed = await h.call('POST', '/s3/sign', { ...base, partNumber: 1, parts: [{ partNumber: 1 }] });
    expect(mixed.json.error).toMatchObject({ code: 'request_invalid', field: 'parts' });
    const onCreate = await h.call('POST', '/s3/sign', {
      method: 'POST',
      key: 'c.mp4',
      fileName: 'c.mp4',
      fileSize: 10,
      partSize: 5 * 1024 * 1024,
      parts: [{ partNumber: 1 }],
    });
    expect(onCreate.json.error).toMatchObject({ code: 'request_invalid', field: 'parts' });
    const many = Array.from({ length: 101 }, (_, i) => ({ partNumber: i + 1 }));
    expect((await h.call('POST', '/s3/sign', { ...base, parts: many })).status).toBe(400);
  });
});
