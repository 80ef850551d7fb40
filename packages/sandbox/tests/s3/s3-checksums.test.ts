import {
  type ChecksumAlgorithm,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { bytes, sha256 } from './s3-fixture.js';
import { useS3Fixture } from './use-s3-fixture.js';

const f = useS3Fixture();

function refusal(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  return promise.then(
    () => {
      throw new Error('the sandbox accepted a request it should refuse');
    },
    (error: { name: string; $metadata?: { httpStatusCode?: number } }) => ({
      name: error.name,
      status: error.$metadata?.httpStatusCode,
    }),
  );
}

/** Each algorithm's digest field on PutObject / UploadPart, and a well-formed value that is not this body's. */
const ALGORITHMS: [ChecksumAlgorithm, string, string][] = [
  ['CRC32', 'ChecksumCRC32', 'AAAAAA=='],
  ['CRC32C', 'ChecksumCRC32C', 'AAAAAA=='],
  ['CRC64NVME', 'ChecksumCRC64NVME', 'AAAAAAAAAAA='],
  ['SHA1', 'ChecksumSHA1', Buffer.alloc(20).toString('base64')],
  ['SHA256', 'ChecksumSHA256', Buffer.alloc(32).toString('base64')],
];

describe('S3 additional checksums, with @aws-sdk/client-s3', () => {
  for (const [algorithm, field, wrong] of ALGORITHMS) {
    it(`integrity: ${algorithm} the SDK computes is checked and echoed; a wrong one is BadDigest and stores nothing`, async () => {
      const body = bytes(100_000, 9);
      const Key = `checksums/${algorithm}.bin`;
      const put = await f.s3.send(
        new PutObjectCommand({ Bucket: f.bucket, Key, Body: body, ChecksumAlgorithm: algorithm }),
      );
      expect((put as unknown as Record<string, unknown>)[field]).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(await f.stored(Key)).toEqual({ size: body.length, sha256: sha256(body) });

      const other = `checksums/${algorithm}-wrong.bin`;
      const client = f.client({ maxAttempts: 1 });
      expect(
        await refusal(
          client.send(new PutObjectCommand({ Bucket: f.bucket, Key: other, Body: body, [field]: wrong })),
        ),
      ).toEqual({ name: 'BadDigest', status: 400 });
      expect(await f.stored(other)).toBeUndefined();

      const { UploadId } = await f.s3.send(
        new CreateMultipartUploadCommand({ Bucket: f.bucket, Key: other }),
      );
      expect(
        await refusal(
          client.send(
            new UploadPartCommand({
              Bucket: f.bucket,
              Key: other,
              UploadId,
              PartNumber: 1,
              Body: body,
              [field]: wrong,
            }),
          ),
        ),
      ).toEqual({ name: 'BadDigest', status: 400 });
    });
  }

  it("integrity: a checksum that cannot be its algorithm's digest, or two algorithms at once, is InvalidRequest; a malformed Content-MD5 is InvalidDigest", async () => {
    const client = f.client({ maxAttempts: 1 });
    const put = (extra: Record<string, string>) =>
      refusal(
        client.send(new PutObjectCommand({ Bucket: f.bucket, Key: 'checksums/bad', Body: 'x', ...extra })),
      );
    expect(await put({ ChecksumSHA256: 'AAAA' })).toEqual({ name: 'InvalidRequest', status: 400 });
    expect(
      await put({ ChecksumCRC32: 'AAAAAA==', ChecksumSHA1: Buffer.alloc(20).toString('base64') }),
    ).toEqual({
      name: 'InvalidRequest',
      status: 400,
    });
    expect(await put({ ContentMD5: 'not-base64!!' })).toEqual({ name: 'InvalidDigest', status: 400 });
    expect(await f.stored('checksums/bad')).toBeUndefined();
  });

  it('lets a browser read every checksum header it may be answered (CORS Expose-Headers)', async () => {
    const response = await fetch(`${f.sandbox.descriptor.url}/${f.bucket}/checksums/none`, {
      method: 'HEAD',
      headers: { origin: 'http://127.0.0.1:1' },
    });
    const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/,\s*/);
    for (const name of ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256', 'type'])
      expect(exposed).toContain(`x-amz-checksum-${name}`);
  });
});
