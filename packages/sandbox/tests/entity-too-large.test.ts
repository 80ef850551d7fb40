import { CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { aliyunClients, ossSignUtils } from './aliyun/aliyun-clients.js';
import { s3ClientFor } from './s3/s3-fixture.js';
import { rawRequest } from './support/raw-request.js';
import { signCosRequest } from './support/sign-cos-request.js';
import { useFixture } from './support/use-fixture.js';
import { cosWithKeysOf } from './tencent/tencent-fixture.js';

const sandbox = useFixture(
  () => startSandbox({ port: 0 }),
  (started: Sandbox) => started.close(),
);

/** One byte over the 5 GiB the three clouds take in one PutObject or UploadPart. */
const OVER_LIMIT = 5 * 1024 ** 3 + 1;
const xml = new XMLParser({ parseTagValue: false });

/**
 * Sends a request that declares an over-limit `Content-Length` and then only a few bytes: the answer
 * must come from the headers alone (the test never sends 5 GiB), as the clouds give it.
 */
async function declareOverLimit(url: string, headers: Record<string, string> = {}) {
  const { hostname, port, pathname, search } = new URL(url);
  const answer = await rawRequest({
    host: hostname,
    port,
    method: 'PUT',
    path: `${pathname}${search}`,
    headers: { ...headers, 'content-length': String(OVER_LIMIT) },
    body: 'only a few bytes',
    timeoutMs: 10_000,
  });
  return { status: answer.status, error: xml.parse(answer.body).Error as Record<string, string> };
}

describe('EntityTooLarge: a PutObject or UploadPart declaring more than 5 GiB is refused before any byte is stored', () => {
  it('S3 (presigned PutObject and UploadPart URLs): 400 EntityTooLarge with ProposedSize and MaxSizeAllowed', async () => {
    const { descriptor, context } = sandbox;
    const s3 = s3ClientFor(descriptor);
    const Bucket = descriptor.s3.bucket;
    try {
      const Key = 'too-large/put.bin';
      const put = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key }), { expiresIn: 60 });
      const refused = await declareOverLimit(put);
      expect(refused).toMatchObject({
        status: 400,
        error: {
          Code: 'EntityTooLarge',
          ProposedSize: String(OVER_LIMIT),
          MaxSizeAllowed: String(5 * 1024 ** 3),
        },
      });
      expect(await context.store.describe(Bucket, Key)).toBeUndefined();

      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
      const part = await getSignedUrl(s3, new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1 }), {
        expiresIn: 60,
      });
      expect(await declareOverLimit(part)).toMatchObject({ status: 400, error: { Code: 'EntityTooLarge' } });
      expect(await context.store.listParts(UploadId as string)).toEqual([]);
    } finally {
      s3.destroy();
    }
  });

  it('COS (q-signed by cos-nodejs-sdk-v5 PutObject and UploadPart): 400 EntityTooLarge', async () => {
    const { descriptor, context } = sandbox;
    const { tencent } = descriptor;
    const keys = { SecretId: tencent.secretId, SecretKey: tencent.secretKey };
    const key = 'too-large/put.bin';
    const put = signCosRequest(descriptor, keys, 'PUT', key);
    expect(await declareOverLimit(put.url, put.headers)).toMatchObject({
      status: 400,
      error: { Code: 'EntityTooLarge' },
    });
    expect(await context.store.describe(tencent.bucket, key)).toBeUndefined();

    const cos = cosWithKeysOf(descriptor);
    const { UploadId } = await cos.multipartInit({
      Bucket: tencent.bucket,
      Region: tencent.region,
      Key: key,
    });
    const part = signCosRequest(descriptor, keys, 'PUT', key, { partNumber: '1', uploadId: UploadId });
    expect(await declareOverLimit(part.url, part.headers)).toMatchObject({
      status: 400,
      error: { Code: 'EntityTooLarge' },
    });
    expect(await context.store.listParts(UploadId)).toEqual([]);
  });

  it('OSS (signed by ali-oss V1 PutObject and UploadPart): 400 EntityTooLarge', async () => {
    const { descriptor, context } = sandbox;
    const { aliyun } = descriptor;
    const key = 'too-large/put.bin';
    /** The account key's V1 headers for a PUT, by ali-oss's own signer. */
    const signed = (subres: Record<string, string>) => {
      const headers = { 'x-oss-date': new Date().toUTCString(), 'content-type': 'video/mp4' };
      const stringToSign = ossSignUtils.buildCanonicalString('PUT', `/${aliyun.bucket}/${key}`, {
        headers,
        parameters: subres,
      });
      const query = new URLSearchParams(subres).toString();
      return {
        url: `${aliyun.ossEndpoint}/${aliyun.bucket}/${key}${query ? `?${query}` : ''}`,
        headers: {
          ...headers,
          authorization: ossSignUtils.authorization(aliyun.accessKeyId, aliyun.accessKeySecret, stringToSign),
        },
      };
    };
    const put = signed({});
    expect(await declareOverLimit(put.url, put.headers)).toMatchObject({
      status: 400,
      error: { Code: 'EntityTooLarge' },
    });
    expect(await context.store.describe(aliyun.bucket, key)).toBeUndefined();

    const init = await aliyunClients(descriptor).ossFetch('POST', key, { uploads: '' });
    const uploadId = xml.parse(await init.text()).InitiateMultipartUploadResult.UploadId as string;
    const part = signed({ partNumber: '1', uploadId });
    expect(await declareOverLimit(part.url, part.headers)).toMatchObject({
      status: 400,
      error: { Code: 'EntityTooLarge' },
    });
    expect(await context.store.listParts(uploadId)).toEqual([]);
  });
});
