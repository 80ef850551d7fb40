import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand } from '@aws-sdk/client-s3';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { aliyunClients } from '../aliyun/aliyun-clients.js';
import { s3ClientFor } from '../s3/s3-fixture.js';
import { signCosRequest } from '../support/sign-cos-request.js';

/**
 * A fault that is no cloud error (a sandbox bug), raised once a request's body was read to its end:
 * the client is still there, so it gets the cloud's 500 `InternalError`, never a dropped connection
 * (Node marks a request destroyed once it ended, which must not be read as "the client went away").
 */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const xml = new XMLParser({ parseTagValue: false });
const COMPLETE =
  '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"0"</ETag></Part></CompleteMultipartUpload>';

/** The next CompleteMultipartUpload of any API fails inside the store with a plain Error. */
function failNextComplete(): void {
  vi.spyOn(sandbox.context.store, 'completeMultipart').mockRejectedValueOnce(new Error('a sandbox bug'));
}

/** Status and error code of an answer, or how the connection ended without one. */
function outcome(response: Promise<Response>): Promise<string> {
  return response.then(
    async (answer) => `${answer.status} ${xml.parse(await answer.text()).Error?.Code}`,
    (error: Error & { cause?: { code?: string } }) => `dropped ${error.cause?.code ?? error.message}`,
  );
}

describe('a bug after the body was read (not a malformed request)', () => {
  it('COS answers 500 InternalError to a complete whose body it read, instead of dropping the connection', async () => {
    const { descriptor } = sandbox;
    const keys = { SecretId: descriptor.tencent.secretId, SecretKey: descriptor.tencent.secretKey };
    const key = 'bug/cos.bin';
    const init = signCosRequest(descriptor, keys, 'POST', key, { uploads: '' });
    const created = await fetch(init.url, { method: 'POST', headers: init.headers });
    const uploadId = xml.parse(await created.text()).InitiateMultipartUploadResult.UploadId as string;
    failNextComplete();
    const complete = signCosRequest(descriptor, keys, 'POST', key, { uploadId });
    expect(
      await outcome(fetch(complete.url, { method: 'POST', headers: complete.headers, body: COMPLETE })),
    ).toBe('500 InternalError');
  });

  it('S3 answers 500 InternalError to a complete whose body it read, instead of dropping the connection', async () => {
    const client = s3ClientFor(sandbox.descriptor, { maxAttempts: 1 });
    const Bucket = sandbox.descriptor.s3.bucket;
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'bug/s3.bin' }));
    failNextComplete();
    const error = await client
      .send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'bug/s3.bin',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"0"' }] },
        }),
      )
      .then(
        () => undefined,
        (e: { name?: string; $metadata?: { httpStatusCode?: number } }) => e,
      );
    expect([error?.name, error?.$metadata?.httpStatusCode]).toEqual(['InternalError', 500]);
  });

  it('OSS answers 500 InternalError to a complete whose body it read', async () => {
    const oss = aliyunClients(sandbox.descriptor);
    const created = await oss.ossFetch('POST', 'bug/oss.bin', { uploads: '' });
    const uploadId = xml.parse(await created.text()).InitiateMultipartUploadResult.UploadId as string;
    failNextComplete();
    expect(await outcome(oss.ossFetch('POST', 'bug/oss.bin', { uploadId }, COMPLETE))).toBe(
      '500 InternalError',
    );
  });
});
