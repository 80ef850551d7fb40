import { combineCrc64 } from '@vod-uploader/core';
import { createCRC64 } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64Json,
  type UploadAddress,
  type UploadAuth,
  useAliyunFixture,
} from './aliyun/aliyun-fixture.js';
import { bytes, sha256, type TempCertificate, useTencentFixture } from './tencent/tencent-fixture.js';

const MiB = 1024 * 1024;

async function crc64(data: Uint8Array): Promise<string> {
  const hasher = await createCRC64();
  hasher.init();
  hasher.update(data);
  return BigInt(`0x${hasher.digest('hex')}`).toString(10);
}

/** The object's CRC64 from its parts', with the client's combine (core), to hold against the sandbox's answer. */
async function combined(parts: Uint8Array[]): Promise<string> {
  let crc: bigint | undefined;
  for (const part of parts) {
    const value = BigInt(await crc64(part));
    crc = crc === undefined ? value : combineCrc64(crc, value, part.length);
  }
  return String(crc);
}

/** Random-sized random parts (every part but the last ≥ 1 MiB). */
function randomParts(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) =>
    bytes(
      i === count - 1 ? 1 + Math.floor(Math.random() * MiB) : MiB + Math.floor(Math.random() * 4096),
      1 + i + Math.floor(Math.random() * 1e6),
    ),
  );
}

describe('COS CRC64 answers', () => {
  const t = useTencentFixture((t) => t.sandbox.context.faults.reset());

  async function session() {
    const apply = await t.vod.ApplyUpload({ MediaType: 'mp4' });
    const cos = t.cosWith(apply.TempCertificate as TempCertificate);
    const key = (apply.MediaStoragePath as string).slice(1);
    const init = await cos.multipartInit({ Bucket: t.bucket, Region: t.region, Key: key });
    const put = async (partNumber: number, body: Buffer) =>
      cos.multipartUpload({
        Bucket: t.bucket,
        Region: t.region,
        Key: key,
        UploadId: init.UploadId,
        PartNumber: partNumber,
        Body: body,
      });
    const complete = async (etags: string[]) =>
      cos.multipartComplete({
        Bucket: t.bucket,
        Region: t.region,
        Key: key,
        UploadId: init.UploadId,
        Parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })),
      });
    return { cos, key, put, complete };
  }

  it("answers each part's CRC64 and the object's on Complete, equal to the client's CRC and combine", async () => {
    const { cos, key, put, complete } = await session();
    const parts = randomParts(3);
    const etags: string[] = [];
    for (const [i, part] of parts.entries()) {
      const answer = await put(i + 1, part);
      expect(answer.headers?.['x-cos-hash-crc64ecma']).toBe(await crc64(part));
      etags.push(answer.ETag);
    }
    const done = await complete(etags);
    expect(done.headers?.['x-cos-hash-crc64ecma']).toBe(await combined(parts));
    expect(done.headers?.['x-cos-hash-crc64ecma']).toBe(await crc64(Buffer.concat(parts)));
    const head = await cos.headObject({ Bucket: t.bucket, Region: t.region, Key: key });
    expect(head.headers?.['x-cos-hash-crc64ecma']).toBe(await crc64(Buffer.concat(parts)));
  });

  it('in transit: a corrupted part is stored as received and its answer differs from the sent bytes', async () => {
    const { put } = await session();
    const part = bytes(MiB, 3);
    t.sandbox.context.faults.set({ corruptParts: { count: 1 } });
    const answer = await put(1, part);
    expect(answer.headers?.['x-cos-hash-crc64ecma']).not.toBe(await crc64(part));
    const again = await put(1, part);
    expect(again.headers?.['x-cos-hash-crc64ecma']).toBe(await crc64(part));
  });

  it('after the last part: Complete answers the stored object, which differs from the combined CRC', async () => {
    const { key, put, complete } = await session();
    const parts = randomParts(2);
    const etags = [];
    for (const [i, part] of parts.entries()) etags.push((await put(i + 1, part)).ETag);
    t.sandbox.context.faults.set({ corruptCompletes: { count: 1 } });
    const done = await complete(etags);
    expect(done.headers?.['x-cos-hash-crc64ecma']).not.toBe(await combined(parts));
    expect((await t.stored(key))?.sha256).not.toBe(sha256(Buffer.concat(parts)));
  });
});

describe('OSS CRC64 answers', () => {
  const f = useAliyunFixture((f) => f.sandbox.context.faults.reset());

  async function session() {
    const created = await f.call<{ UploadAddress: string; UploadAuth: string }>('CreateUploadVideo', {
      Title: 't',
      FileName: 'v.mp4',
    });
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress);
    const oss = f.oss(address, decodeBase64Json<UploadAuth>(created.UploadAuth));
    const { uploadId } = await oss.initMultipartUpload(address.FileName);
    return { oss, key: address.FileName, uploadId };
  }

  it("answers each part's CRC64, lists it in ListParts, and the object's on Complete", async () => {
    const { oss, key, uploadId } = await session();
    const parts = randomParts(3);
    const done: { number: number; etag: string }[] = [];
    for (const [i, part] of parts.entries()) {
      const answer = await oss.uploadPart(key, uploadId, i + 1, part, 0, part.length);
      expect(answer.res.headers['x-oss-hash-crc64ecma' as never]).toBe(await crc64(part));
      done.push({ number: i + 1, etag: answer.etag });
    }
    const listed = await oss.listParts(key, uploadId, {} as never);
    expect(listed.parts.map((p) => (p as unknown as { HashCrc64ecma: string }).HashCrc64ecma)).toEqual(
      await Promise.all(parts.map(crc64)),
    );
    const result = await oss.completeMultipartUpload(key, uploadId, done);
    expect(result.res.headers['x-oss-hash-crc64ecma' as never]).toBe(await combined(parts));
  });

  it('at rest: the answer matches the received bytes, ListParts shows the stored ones', async () => {
    const { oss, key, uploadId } = await session();
    const part = bytes(MiB, 5);
    f.sandbox.context.faults.set({ corruptParts: { count: 1, at: 'rest' } });
    const answer = await oss.uploadPart(key, uploadId, 1, part, 0, part.length);
    expect(answer.res.headers['x-oss-hash-crc64ecma' as never]).toBe(await crc64(part));
    const listed = await oss.listParts(key, uploadId, {} as never);
    // ali-oss hands one listed part over as an object, not an array.
    const stored = [listed.parts].flat()[0] as unknown as { HashCrc64ecma: string; ETag: string };
    expect(stored.HashCrc64ecma).not.toBe(await crc64(part));
    expect(stored.ETag).not.toBe(answer.etag);
  });
});
