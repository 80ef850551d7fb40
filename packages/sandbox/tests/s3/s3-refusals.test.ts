import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { bytes, sha256 } from './s3-fixture.js';
import { useS3Fixture } from './use-s3-fixture.js';

const MiB = 1024 * 1024;
const f = useS3Fixture((f) => {
  f.sandbox.context.clock.skewMs = 0;
});

/** `bytes(size)` as a fetch body (a Buffer over an ArrayBufferLike is not a BodyInit to TypeScript). */
function body(size: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes(size));
}

function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('the sandbox accepted a request it should refuse');
    },
    (error: unknown) => error,
  );
}

/** The S3 error document of a raw response. */
async function errorDocument(response: Response): Promise<Record<string, string>> {
  const doc = new XMLParser({ parseTagValue: false }).parse(await response.text()) as {
    Error: Record<string, string>;
  };
  return doc.Error;
}

describe('S3 refusals', () => {
  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const { accessKeyId } = f.sandbox.descriptor.s3;
    const bad = f.client({ credentials: { accessKeyId, secretAccessKey: 'not-the-secret' }, maxAttempts: 1 });
    const error = await refusal(bad.send(new PutObjectCommand({ Bucket: f.bucket, Key: 'x', Body: 'x' })));
    expect(error).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    expect(await f.stored('x')).toBeUndefined();
  });

  it('refuses an unknown access key id with InvalidAccessKeyId', async () => {
    const bad = f.client({
      credentials: { accessKeyId: 'AKIANOBODY', secretAccessKey: 's' },
      maxAttempts: 1,
    });
    const error = await refusal(bad.send(new HeadObjectCommand({ Bucket: f.bucket, Key: 'x' })));
    // HEAD answers carry no body, so the SDK only sees the status.
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 403 } });
    const put = await refusal(bad.send(new PutObjectCommand({ Bucket: f.bucket, Key: 'x', Body: 'x' })));
    expect(put).toMatchObject({ name: 'InvalidAccessKeyId', $metadata: { httpStatusCode: 403 } });
  });

  it('refuses a request signed 20 minutes off the sandbox clock with RequestTimeTooSkewed', async () => {
    f.sandbox.context.clock.skewMs = 20 * 60_000;
    const error = await refusal(
      f.client({ maxAttempts: 1 }).send(new PutObjectCommand({ Bucket: f.bucket, Key: 'skew', Body: 'x' })),
    );
    expect(error).toMatchObject({ name: 'RequestTimeTooSkewed', $metadata: { httpStatusCode: 403 } });
  });

  it('refuses a body whose length differs from the signed Content-Length, PUT and part, storing nothing', async () => {
    const put = await getSignedUrl(
      f.s3,
      new PutObjectCommand({ Bucket: f.bucket, Key: 'ten.mp4', ContentLength: 10 }),
      { expiresIn: 600 },
    );
    expect(new URL(put).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host');
    for (const size of [11, 150 * MiB, 9]) {
      const refused = await fetch(put, { method: 'PUT', body: body(size) });
      expect(refused.status).toBe(403);
      expect((await errorDocument(refused)).Code).toBe('SignatureDoesNotMatch');
    }
    // A streamed body has no Content-Length at all: the signed header is missing, so refused too.
    const streamed = await fetch(put, {
      method: 'PUT',
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(body(10));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(403);
    expect(await f.stored('ten.mp4')).toBeUndefined();
    expect((await fetch(put, { method: 'PUT', body: body(10) })).status).toBe(200);
    expect(await f.stored('ten.mp4')).toMatchObject({ size: 10 });

    const { UploadId } = await f.s3.send(
      new CreateMultipartUploadCommand({ Bucket: f.bucket, Key: 'parts.mp4' }),
    );
    const part = await getSignedUrl(
      f.s3,
      new UploadPartCommand({
        Bucket: f.bucket,
        Key: 'parts.mp4',
        UploadId,
        PartNumber: 1,
        ContentLength: 5 * MiB,
      }),
      { expiresIn: 600 },
    );
    const oversized = await fetch(part, { method: 'PUT', body: body(6 * MiB) });
    expect(oversized.status).toBe(403);
    expect((await errorDocument(oversized)).Code).toBe('SignatureDoesNotMatch');
    expect((await fetch(part, { method: 'PUT', body: body(5 * MiB) })).status).toBe(200);
  });

  it('refuses a conditional PUT (If-None-Match: *) over an existing object with PreconditionFailed', async () => {
    const url = await getSignedUrl(
      f.s3,
      new PutObjectCommand({ Bucket: f.bucket, Key: 'once.mp4', ContentLength: 4, IfNoneMatch: '*' }),
      { expiresIn: 600 },
    );
    const headers = { 'if-none-match': '*' };
    expect((await fetch(url, { method: 'PUT', body: 'aaaa', headers })).status).toBe(200);
    const again = await fetch(url, { method: 'PUT', body: 'bbbb', headers });
    expect(again.status).toBe(412);
    expect((await errorDocument(again)).Code).toBe('PreconditionFailed');
    expect(await f.stored('once.mp4')).toMatchObject({ size: 4, sha256: sha256(Buffer.from('aaaa')) });
  });

  it('refuses an expired presigned URL with AccessDenied "Request has expired", and a tampered one', async () => {
    const url = await getSignedUrl(f.s3, new PutObjectCommand({ Bucket: f.bucket, Key: 'late.bin' }), {
      expiresIn: 60,
    });
    const tampered = url.replace('late.bin', 'other.bin');
    const forged = await fetch(tampered, { method: 'PUT', body: 'x' });
    expect(forged.status).toBe(403);
    expect((await errorDocument(forged)).Code).toBe('SignatureDoesNotMatch');

    f.sandbox.context.clock.skewMs = 61_000;
    const response = await fetch(url, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    const doc = await errorDocument(response);
    expect(doc).toMatchObject({
      Code: 'AccessDenied',
      Message: 'Request has expired',
      Resource: '/vod-sandbox/late.bin',
    });
    expect(doc.RequestId).toBe(response.headers.get('x-amz-request-id'));
    expect(await f.stored('late.bin')).toBeUndefined();
  });

  it('refuses a body that does not match its signed x-amz-content-sha256', async () => {
    const client = f.client({ maxAttempts: 1 });
    client.middlewareStack.add(
      (next) => async (args) => {
        // After signing: the bytes change, the signed hash does not.
        const request = args.request as { body: unknown };
        request.body = 'y';
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low' },
    );
    const error = await refusal(
      client.send(
        new PutObjectCommand({ Bucket: f.bucket, Key: 'sha', Body: 'x', ChecksumAlgorithm: undefined }),
      ),
    );
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 } });
    expect(['XAmzContentSHA256Mismatch', 'BadDigest']).toContain((error as { name: string }).name);
    expect(await f.stored('sha')).toBeUndefined();
  });

  describe('CompleteMultipartUpload', () => {
    async function uploadWithParts(Key: string, sizes: number[]) {
      const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket: f.bucket, Key }));
      const Parts = [];
      for (const [i, size] of sizes.entries()) {
        const { ETag } = await f.s3.send(
          new UploadPartCommand({
            Bucket: f.bucket,
            Key,
            UploadId,
            PartNumber: i + 1,
            Body: bytes(size, i + 1),
          }),
        );
        Parts.push({ PartNumber: i + 1, ETag });
      }
      return { UploadId, Parts };
    }

    it('refuses a wrong ETag with InvalidPart and parts out of order with InvalidPartOrder', async () => {
      const Key = 'etag.bin';
      const { UploadId, Parts } = await uploadWithParts(Key, [5 * MiB, 10]);
      const wrong = Parts.map((p, i) => (i === 0 ? { ...p, ETag: '"00000000000000000000000000000000"' } : p));
      const error = await refusal(
        f.s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: f.bucket,
            Key,
            UploadId,
            MultipartUpload: { Parts: wrong },
          }),
        ),
      );
      expect(error).toMatchObject({ name: 'InvalidPart', $metadata: { httpStatusCode: 400 } });
      const reversed = [...Parts].reverse();
      const order = await refusal(
        f.s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: f.bucket,
            Key,
            UploadId,
            MultipartUpload: { Parts: reversed },
          }),
        ),
      );
      expect(order).toMatchObject({ name: 'InvalidPartOrder' });
      await f.s3.send(
        new CompleteMultipartUploadCommand({ Bucket: f.bucket, Key, UploadId, MultipartUpload: { Parts } }),
      );
      expect((await f.stored(Key))?.size).toBe(5 * MiB + 10);
    });

    it('refuses a non-final part under 5 MiB with EntityTooSmall', async () => {
      const Key = 'small.bin';
      const { UploadId, Parts } = await uploadWithParts(Key, [5 * MiB - 1, 10]);
      const error = await refusal(
        f.s3.send(
          new CompleteMultipartUploadCommand({ Bucket: f.bucket, Key, UploadId, MultipartUpload: { Parts } }),
        ),
      );
      expect(error).toMatchObject({ name: 'EntityTooSmall', $metadata: { httpStatusCode: 400 } });
      expect(await f.stored(Key)).toBeUndefined();
    });

    it('refuses a document that is not XML with MalformedXML', async () => {
      const Key = 'xml.bin';
      const { UploadId, Parts } = await uploadWithParts(Key, [10]);
      const client = f.client({ maxAttempts: 1 });
      client.middlewareStack.add(
        (next) => async (args) => {
          // Before signing, so the signature covers the broken document.
          const request = args.request as { body: unknown; headers: Record<string, string> };
          request.body = '<CompleteMultipartUpload><Part><PartNumber>1</Part>';
          request.headers['content-length'] = String((request.body as string).length);
          return next(args);
        },
        { step: 'build', priority: 'low' },
      );
      const error = await refusal(
        client.send(
          new CompleteMultipartUploadCommand({ Bucket: f.bucket, Key, UploadId, MultipartUpload: { Parts } }),
        ),
      );
      expect(error).toMatchObject({ name: 'MalformedXML', $metadata: { httpStatusCode: 400 } });
    });
  });

  it('takes a temporary credential with its session token, only for its keys and only until it expires', async () => {
    const temp = f.sandbox.context.credentials.issue(
      { cloud: 's3', bucket: f.bucket, keys: ['temp/ok'] },
      600,
      'ASIA',
    );
    const credentials = { accessKeyId: temp.id, secretAccessKey: temp.secret, sessionToken: temp.token };
    const client = f.client({ credentials, maxAttempts: 1 });
    await client.send(new PutObjectCommand({ Bucket: f.bucket, Key: 'temp/ok', Body: 'ok' }));
    expect((await f.stored('temp/ok'))?.size).toBe(2);
    const other = await refusal(
      client.send(new PutObjectCommand({ Bucket: f.bucket, Key: 'temp/other', Body: 'x' })),
    );
    expect(other).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    const noToken = f.client({ credentials: { ...credentials, sessionToken: 'wrong' }, maxAttempts: 1 });
    const badToken = await refusal(
      noToken.send(new PutObjectCommand({ Bucket: f.bucket, Key: 'temp/ok', Body: 'x' })),
    );
    expect(badToken).toMatchObject({ name: 'InvalidToken', $metadata: { httpStatusCode: 400 } });
    f.sandbox.context.credentials.expireAll();
    const expired = await refusal(
      client.send(new PutObjectCommand({ Bucket: f.bucket, Key: 'temp/ok', Body: 'x' })),
    );
    expect(expired).toMatchObject({ name: 'ExpiredToken', $metadata: { httpStatusCode: 400 } });
  });

  it('answers NotImplemented for operations the sandbox does not emulate', async () => {
    const url = await getSignedUrl(f.s3, new HeadObjectCommand({ Bucket: f.bucket, Key: 'k' }), {
      expiresIn: 60,
    });
    const response = await fetch(url.replace('?', '?tagging=&'), { method: 'GET' });
    expect(response.status).toBe(501);
    expect((await errorDocument(response)).Code).toBe('NotImplemented');
  });
});
