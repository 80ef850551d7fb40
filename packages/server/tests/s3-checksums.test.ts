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
    const missing = await fetch(complete.url, { method: 'POST', body: partsXml(false) });
    expect(missing.status).toBe(400);
    const done = await fetch(complete.url, { method: 'POST', body: partsXml(true) });
    expect(done.status).toBe(200);
    const joined = Buffer.concat(sums.map((s) => Buffer.from(s, 'base64')));
    expect(xml(await done.text(), 'ChecksumCRC32C')).toBe(`${await crc32c(joined)}-2`);
  });
});
