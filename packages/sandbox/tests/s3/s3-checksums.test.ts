import { createHash } from 'node:crypto';
import {
  type ChecksumAlgorithm,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createCRC32 } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { bytes, sha256 } from './s3-fixture.js';
import { useS3Fixture } from './use-s3-fixture.js';

const f = useS3Fixture();

/** What the SDK reports of a refusal: its code, HTTP status and message. */
function refusalOf(promise: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  return promise.then(
    () => {
      throw new Error('the sandbox accepted a request it should refuse');
    },
    (error: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => ({
      name: error.name,
      status: error.$metadata?.httpStatusCode,
      message: error.message,
    }),
  );
}

function refusal(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  return refusalOf(promise).then(({ name, status }) => ({ name, status }));
}

/**
 * `client` with `headers` set on every request before it is signed: the signature covers them, as a
 * client that sent them itself would sign them. The SDK refuses to send an algorithm it does not
 * know, so a test that needs one goes this way.
 */
function withHeaders(client: S3Client, headers: Record<string, string>): S3Client {
  client.middlewareStack.add(
    (next) => async (args) => {
      Object.assign((args.request as { headers: Record<string, string> }).headers, headers);
      return next(args);
    },
    // Last of the build step: after the SDK's own checksum headers, before the signature.
    { step: 'build', priority: 'low' },
  );
  return client;
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

  it('integrity: x-amz-sdk-checksum-algorithm must name an algorithm S3 has, the one declared, and come with a checksum or trailer (InvalidRequest; nothing stored)', async () => {
    const Key = 'checksums/sdk-algorithm.bin';
    // The SDK sends CRC32 by default (a header, for a body it holds): only the name it gives changes.
    const put = (headers: Record<string, string>, client = f.client({ maxAttempts: 1 })) =>
      refusalOf(
        withHeaders(client, headers).send(new PutObjectCommand({ Bucket: f.bucket, Key, Body: 'x' })),
      );
    const invalid = {
      name: 'InvalidRequest',
      status: 400,
      message: 'Value for x-amz-sdk-checksum-algorithm header is invalid.',
    };
    expect(await put({ 'x-amz-sdk-checksum-algorithm': 'INVALIDALGO' })).toEqual(invalid);
    expect(await put({ 'x-amz-sdk-checksum-algorithm': 'SHA1' })).toEqual(invalid);
    const withoutChecksum = f.client({ maxAttempts: 1, requestChecksumCalculation: 'WHEN_REQUIRED' });
    expect(await put({ 'x-amz-sdk-checksum-algorithm': 'CRC32' }, withoutChecksum)).toEqual({
      name: 'InvalidRequest',
      status: 400,
      message:
        'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
    });
    expect(await f.stored(Key)).toBeUndefined();

    const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket: f.bucket, Key }));
    const part = withHeaders(f.client({ maxAttempts: 1 }), { 'x-amz-sdk-checksum-algorithm': 'INVALIDALGO' });
    expect(
      await refusalOf(
        part.send(new UploadPartCommand({ Bucket: f.bucket, Key, UploadId, PartNumber: 1, Body: 'x' })),
      ),
    ).toEqual(invalid);
    expect(await f.sandbox.context.store.listParts(UploadId as string)).toEqual([]);
  });

  it('CreateMultipartUpload with an x-amz-checksum-algorithm S3 does not have is InvalidRequest and creates nothing', async () => {
    const Key = 'checksums/unknown-algorithm.bin';
    const create = f.client({ maxAttempts: 1 }).send(
      new CreateMultipartUploadCommand({
        Bucket: f.bucket,
        Key,
        ChecksumAlgorithm: 'INVALIDALGO' as ChecksumAlgorithm,
      }),
    );
    expect(await refusalOf(create)).toEqual({
      name: 'InvalidRequest',
      status: 400,
      message:
        'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]',
    });
    const listed = await f.s3.send(new ListMultipartUploadsCommand({ Bucket: f.bucket, Prefix: Key }));
    expect(listed.Uploads ?? []).toEqual([]);
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

/** An SDK answer's field named at run time (`ChecksumCRC32`…). */
function fieldOf(output: object, field: string): unknown {
  return (output as Record<string, unknown>)[field];
}

/** An algorithm's digest (base64), computed here, not with the sandbox's code. */
async function digest(algorithm: ChecksumAlgorithm, data: Uint8Array): Promise<string> {
  if (algorithm === 'SHA1' || algorithm === 'SHA256') {
    return createHash(algorithm.toLowerCase()).update(data).digest('base64');
  }
  const crc = await createCRC32(algorithm === 'CRC32C' ? 0x82f63b78 : 0xedb88320);
  crc.init();
  crc.update(data);
  return Buffer.from(crc.digest('hex'), 'hex').toString('base64');
}

describe('S3 multipart uploads created with a composite checksum algorithm', () => {
  const composite = ALGORITHMS.filter(([algorithm]) => algorithm !== 'CRC64NVME');
  for (const [algorithm, field] of composite) {
    it(`${algorithm}: ListParts lists each part's ${field}; Complete must list them all (InvalidRequest), equal to the parts' (InvalidPart), and answers the composite one`, async () => {
      const Key = `checksums/multipart-${algorithm}.bin`;
      const bodies = [bytes(5 * 1024 * 1024, 3), bytes(1000, 4)];
      const { UploadId } = await f.s3.send(
        new CreateMultipartUploadCommand({ Bucket: f.bucket, Key, ChecksumAlgorithm: algorithm }),
      );
      const sums = await Promise.all(bodies.map((body) => digest(algorithm, body)));
      const parts: CompletedPart[] = [];
      for (const [i, Body] of bodies.entries()) {
        const PartNumber = i + 1;
        const answer = await f.s3.send(
          new UploadPartCommand({
            Bucket: f.bucket,
            Key,
            UploadId,
            PartNumber,
            Body,
            ChecksumAlgorithm: algorithm,
          }),
        );
        expect(fieldOf(answer, field)).toBe(sums[i]);
        parts.push({ PartNumber, ETag: answer.ETag, [field]: sums[i] });
      }
      const listed = await f.s3.send(new ListPartsCommand({ Bucket: f.bucket, Key, UploadId }));
      expect(listed.ChecksumAlgorithm).toBe(algorithm);
      expect(listed.Parts?.map((p) => fieldOf(p, field))).toEqual(sums);

      const client = f.client({ maxAttempts: 1 });
      const complete = (Parts: CompletedPart[]) =>
        client.send(
          new CompleteMultipartUploadCommand({ Bucket: f.bucket, Key, UploadId, MultipartUpload: { Parts } }),
        );
      const missing = await complete([parts[0]!, { PartNumber: 2, ETag: parts[1]!.ETag }]).then(
        () => undefined,
        (error: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => error,
      );
      expect([missing?.name, missing?.$metadata?.httpStatusCode, missing?.message]).toEqual([
        'InvalidRequest',
        400,
        `The upload was created using a ${algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part 2 in the request.`,
      ]);
      expect(await refusal(complete([parts[0]!, { ...parts[1]!, [field]: sums[0] }]))).toEqual({
        name: 'InvalidPart',
        status: 400,
      });
      expect(await f.stored(Key)).toBeUndefined();

      const done = await complete(parts);
      const joined = Buffer.concat(sums.map((sum) => Buffer.from(sum, 'base64')));
      expect(fieldOf(done, field)).toBe(`${await digest(algorithm, joined)}-2`);
      expect(done.ChecksumType).toBe('COMPOSITE');
      expect(await f.stored(Key)).toEqual({
        size: bodies[0]!.length + bodies[1]!.length,
        sha256: sha256(Buffer.concat(bodies)),
      });
    });
  }

  it("UploadPart to a composite upload must declare the upload's algorithm: none, or another, is InvalidRequest (Checksum Type mismatch) and stores no part", async () => {
    const Key = 'checksums/part-type.bin';
    const { UploadId } = await f.s3.send(
      new CreateMultipartUploadCommand({ Bucket: f.bucket, Key, ChecksumAlgorithm: 'CRC32C' }),
    );
    const part = (client: S3Client, extra: Partial<{ ChecksumAlgorithm: ChecksumAlgorithm }> = {}) =>
      client.send(
        new UploadPartCommand({
          Bucket: f.bucket,
          Key,
          UploadId,
          PartNumber: 1,
          Body: bytes(1000, 6),
          ...extra,
        }),
      );
    const mismatch = (actual: string) => ({
      name: 'InvalidRequest',
      status: 400,
      message: `Checksum Type mismatch occurred, expected checksum Type: crc32c, actual checksum Type: ${actual}`,
    });
    // No checksum at all (the SDK computes none when it is only asked to when required)…
    const bare = f.client({ maxAttempts: 1, requestChecksumCalculation: 'WHEN_REQUIRED' });
    expect(await refusalOf(part(bare))).toEqual(mismatch('null'));
    // …or the SDK's default CRC32, or an algorithm named for the part that is not the upload's.
    const client = f.client({ maxAttempts: 1 });
    expect(await refusalOf(part(client))).toEqual(mismatch('crc32'));
    expect(await refusalOf(part(client, { ChecksumAlgorithm: 'SHA256' }))).toEqual(mismatch('sha256'));
    expect(await f.sandbox.context.store.listParts(UploadId as string)).toEqual([]);

    const stored = await part(client, { ChecksumAlgorithm: 'CRC32C' });
    expect(stored.ChecksumCRC32C).toBe(await digest('CRC32C', bytes(1000, 6)));
  });

  it('Complete of a composite upload must list its parts 1, 2, 3… with none left out (InvalidPartOrder), which an upload without an algorithm need not', async () => {
    const sizes = [5 * 1024 * 1024, 1000];
    /** Parts 1 and 3 of an upload of `Key`, created with SHA256 (and its part checksums) if `sha256`. */
    const partsOneAndThree = async (Key: string, sha256: boolean) => {
      const ChecksumAlgorithm = sha256 ? 'SHA256' : undefined;
      const { UploadId } = await f.s3.send(
        new CreateMultipartUploadCommand({ Bucket: f.bucket, Key, ChecksumAlgorithm }),
      );
      const parts: CompletedPart[] = [];
      for (const [i, size] of sizes.entries()) {
        const PartNumber = i * 2 + 1;
        const Body = bytes(size, PartNumber);
        const { ETag } = await f.s3.send(
          new UploadPartCommand({ Bucket: f.bucket, Key, UploadId, PartNumber, Body, ChecksumAlgorithm }),
        );
        parts.push({ PartNumber, ETag, ...(sha256 ? { ChecksumSHA256: await digest('SHA256', Body) } : {}) });
      }
      const complete = (Parts: CompletedPart[]) =>
        f.client({ maxAttempts: 1 }).send(
          new CompleteMultipartUploadCommand({
            Bucket: f.bucket,
            Key,
            UploadId,
            MultipartUpload: { Parts },
          }),
        );
      return { parts, complete };
    };

    const Key = 'checksums/gaps-SHA256.bin';
    const { parts, complete } = await partsOneAndThree(Key, true);
    const outOfOrder = {
      name: 'InvalidPartOrder',
      status: 400,
      message:
        'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
    };
    expect(await refusalOf(complete(parts))).toEqual(outOfOrder);
    expect(await refusalOf(complete([parts[1]!]))).toEqual(outOfOrder);
    expect(await f.stored(Key)).toBeUndefined();

    const plain = await partsOneAndThree('checksums/gaps-none.bin', false);
    await plain.complete(plain.parts);
    expect(await f.stored('checksums/gaps-none.bin')).toMatchObject({ size: sizes[0]! + sizes[1]! });
  });

  it('CRC64NVME (a full-object checksum on S3) is checked per part only: Complete lists no part checksums, as lib-storage sends it; the FULL_OBJECT type is not emulated (501)', async () => {
    const Key = 'checksums/multipart-CRC64NVME.bin';
    const { UploadId } = await f.s3.send(
      new CreateMultipartUploadCommand({ Bucket: f.bucket, Key, ChecksumAlgorithm: 'CRC64NVME' }),
    );
    const body = bytes(1000, 5);
    const { ETag } = await f.s3.send(
      new UploadPartCommand({
        Bucket: f.bucket,
        Key,
        UploadId,
        PartNumber: 1,
        Body: body,
        ChecksumAlgorithm: 'CRC64NVME',
      }),
    );
    await f.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: f.bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
      }),
    );
    expect(await f.stored(Key)).toEqual({ size: body.length, sha256: sha256(body) });
    const fullObject = f.client({ maxAttempts: 1 }).send(
      new CreateMultipartUploadCommand({
        Bucket: f.bucket,
        Key,
        ChecksumAlgorithm: 'CRC32',
        ChecksumType: 'FULL_OBJECT',
      }),
    );
    expect(await refusal(fullObject)).toEqual({ name: 'NotImplemented', status: 501 });
  });
});
