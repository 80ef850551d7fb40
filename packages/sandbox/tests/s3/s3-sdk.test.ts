import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { describe, expect, it } from 'vitest';
import { bytes, sha256 } from './s3-fixture.js';
import { uploadPresignedParts } from './upload-presigned-parts.js';
import { useS3Fixture } from './use-s3-fixture.js';

const MiB = 1024 * 1024;
const f = useS3Fixture();

describe('S3 with @aws-sdk/client-s3', () => {
  it('puts, heads, gets a range of and deletes an object', async () => {
    const body = bytes(300_000, 7);
    const Key = 'videos/a b+ü/clip.mp4';
    const put = await f.s3.send(
      new PutObjectCommand({
        Bucket: f.bucket,
        Key,
        Body: body,
        ContentType: 'video/mp4',
        Metadata: { title: 'x' },
      }),
    );
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await f.stored(Key)).toEqual({ size: body.length, sha256: sha256(body) });

    const head = await f.s3.send(new HeadObjectCommand({ Bucket: f.bucket, Key }));
    expect(head).toMatchObject({ ContentLength: body.length, ContentType: 'video/mp4', ETag: put.ETag });
    expect(head.Metadata).toEqual({ title: 'x' });

    const range = await f.s3.send(new GetObjectCommand({ Bucket: f.bucket, Key, Range: 'bytes=1000-1999' }));
    expect(range.ContentRange).toBe(`bytes 1000-1999/${body.length}`);
    expect(Buffer.from(await range.Body!.transformToByteArray())).toEqual(body.subarray(1000, 2000));
    const whole = await f.s3.send(new GetObjectCommand({ Bucket: f.bucket, Key }));
    expect(sha256(await whole.Body!.transformToByteArray())).toBe(sha256(body));

    await f.s3.send(new DeleteObjectCommand({ Bucket: f.bucket, Key }));
    const gone = await f.s3.send(new GetObjectCommand({ Bucket: f.bucket, Key })).catch((e: unknown) => e);
    expect(gone).toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
  });

  it('keeps a key with . and .. segments as the flat string it is, as S3 does', async () => {
    const body = bytes(1000, 3);
    const Key = 'uploads/user-a/../user-b/./video.mp4';
    await f.s3.send(new PutObjectCommand({ Bucket: f.bucket, Key, Body: body }));
    expect(await f.stored(Key)).toEqual({ size: body.length, sha256: sha256(body) });
    expect(await f.stored('uploads/user-b/video.mp4')).toBeUndefined();
    const created = await f.s3.send(
      new CreateMultipartUploadCommand({ Bucket: f.bucket, Key: 'p/q/../r.bin' }),
    );
    expect(created.Key).toBe('p/q/../r.bin');
    await f.s3.send(
      new AbortMultipartUploadCommand({ Bucket: f.bucket, Key: 'p/q/../r.bin', UploadId: created.UploadId }),
    );
  });

  it('stores a stream body sent aws-chunked with a CRC32 trailer', async () => {
    const parts = [bytes(70_000, 1), bytes(50_001, 2)];
    const Key = 'chunked.bin';
    await f.s3.send(
      new PutObjectCommand({ Bucket: f.bucket, Key, Body: Readable.from(parts), ContentLength: 120_001 }),
    );
    expect(await f.stored(Key)).toEqual({ size: 120_001, sha256: sha256(Buffer.concat(parts)) });
  });

  it('uploads 16 MiB with lib-storage Upload in 4 parts (3 of 5 MiB), ListParts and ListMultipartUploads on the way', async () => {
    const body = bytes(16 * MiB, 3);
    const Key = 'big/upload.mp4';
    const upload = new Upload({
      client: f.s3,
      params: {
        Bucket: f.bucket,
        Key,
        Body: Readable.from([body.subarray(0, 8 * MiB), body.subarray(8 * MiB)]),
      },
      partSize: 5 * MiB,
      queueSize: 2,
    });
    let listed: number[] = [];
    let pending = 0;
    upload.on('httpUploadProgress', async (progress) => {
      if (progress.part !== 2 || listed.length) return;
      const uploads = await f.s3.send(new ListMultipartUploadsCommand({ Bucket: f.bucket, Prefix: 'big/' }));
      pending = uploads.Uploads?.length ?? 0;
      const UploadId = uploads.Uploads?.[0]?.UploadId;
      const parts = await f.s3.send(new ListPartsCommand({ Bucket: f.bucket, Key, UploadId }));
      listed = (parts.Parts ?? []).map((p) => p.PartNumber ?? 0);
    });
    const done = await upload.done();
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-4"$/);
    expect(pending).toBe(1);
    expect(listed).toContain(2);
    expect(await f.stored(Key)).toEqual({ size: body.length, sha256: sha256(body) });
    const left = await f.s3.send(new ListMultipartUploadsCommand({ Bucket: f.bucket, Prefix: 'big/' }));
    expect(left.Uploads ?? []).toHaveLength(0);
  });

  it('takes parts PUT with fetch on presigned UploadPart URLs', async () => {
    const Key = 'presigned/parts.bin';
    const body = bytes(5 * MiB + 12_345, 9);
    const chunks = [body.subarray(0, 5 * MiB), body.subarray(5 * MiB)];
    await uploadPresignedParts(f, Key, chunks, async (url, chunk) => {
      const response = await fetch(url, { method: 'PUT', body: new Uint8Array(chunk) });
      expect(response.status).toBe(200);
      return response.headers.get('etag') ?? '';
    });
    expect(await f.stored(Key)).toEqual({ size: body.length, sha256: sha256(body) });
  });

  it('applies injected faults to PutObject and UploadPart; the SDK retries them', async () => {
    const since = f.sandbox.context.log.lastSeq;
    f.sandbox.context.faults.set({ failNextUploads: { count: 2, kind: 503 } });
    const body = bytes(6 * MiB, 4);
    await new Upload({
      client: f.s3,
      params: { Bucket: f.bucket, Key: 'faulty.bin', Body: body },
      partSize: 5 * MiB,
    }).done();
    await f.s3.send(new PutObjectCommand({ Bucket: f.bucket, Key: 'faulty-put.bin', Body: 'x' }));
    f.sandbox.context.faults.reset();
    expect(await f.stored('faulty.bin')).toEqual({ size: body.length, sha256: sha256(body) });
    const faulted = f.sandbox.context.log.list(since).filter((r) => r.fault);
    expect(faulted).toHaveLength(2);
    expect(
      faulted.every((r) => r.status === 503 && (r.action === 'UploadPart' || r.action === 'PutObject')),
    ).toBe(true);
  });

  it('completes only at the size x-amz-mp-object-size expects (MpuObjectSize): another is InvalidRequest', async () => {
    const Key = 'sized.bin';
    const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket: f.bucket, Key }));
    const chunks = [bytes(5 * MiB, 3), bytes(777, 4)];
    const Parts: { PartNumber: number; ETag?: string }[] = [];
    for (const [i, Body] of chunks.entries()) {
      const part = { Bucket: f.bucket, Key, UploadId, PartNumber: i + 1, Body };
      Parts.push({ PartNumber: i + 1, ETag: (await f.s3.send(new UploadPartCommand(part))).ETag });
    }
    const complete = (MpuObjectSize: number) =>
      f.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: f.bucket,
          Key,
          UploadId,
          MpuObjectSize,
          MultipartUpload: { Parts },
        }),
      );
    const total = 5 * MiB + 777;
    const refused = await complete(total - 1).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'InvalidRequest', $metadata: { httpStatusCode: 400 } });
    // Nothing was completed: the parts are still there, and the right size completes them.
    expect((await f.s3.send(new ListPartsCommand({ Bucket: f.bucket, Key, UploadId }))).Parts).toHaveLength(
      2,
    );
    await complete(total);
    expect(await f.stored(Key)).toEqual({ size: total, sha256: sha256(Buffer.concat(chunks)) });
  });

  it('aborts an upload: its parts are gone and the id is NoSuchUpload', async () => {
    const Key = 'aborted.bin';
    const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket: f.bucket, Key }));
    await f.s3.send(
      new UploadPartCommand({ Bucket: f.bucket, Key, UploadId, PartNumber: 1, Body: bytes(1000) }),
    );
    await f.s3.send(new AbortMultipartUploadCommand({ Bucket: f.bucket, Key, UploadId }));
    const error = await f.s3
      .send(new ListPartsCommand({ Bucket: f.bucket, Key, UploadId }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
  });
});
