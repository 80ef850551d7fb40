import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliyunClients } from '../aliyun/aliyun-clients.js';
import { s3ClientFor } from '../s3/s3-fixture.js';
import { cosWithKeysOf } from '../tencent/tencent-fixture.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const CONCURRENT = 4;
const BODY = Buffer.from('one small final part');
const xml = new XMLParser({ parseTagValue: false });

/** Each answer is the cloud's: 200 with the one ETag, or NoSuchUpload; never a dropped connection. */
function expectCloudAnswers(outcomes: Array<{ etag?: string; code?: string }>): void {
  const etags = new Set(outcomes.filter((o) => o.etag).map((o) => o.etag));
  expect(etags.size, JSON.stringify(outcomes)).toBe(1);
  for (const outcome of outcomes) {
    expect(outcome.etag !== undefined || outcome.code === 'NoSuchUpload', JSON.stringify(outcome)).toBe(true);
  }
}

describe(`${CONCURRENT} concurrent CompleteMultipartUpload of one upload`, () => {
  it('sandbox answers each on S3 (one 200, the others the same ETag or NoSuchUpload)', async () => {
    const { s3 } = sandbox.descriptor;
    const client = s3ClientFor(sandbox.descriptor, { maxAttempts: 1 });
    const Key = 'concurrent/s3.bin';
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key }));
    const part = await client.send(
      new UploadPartCommand({ Bucket: s3.bucket, Key, UploadId, PartNumber: 1, Body: BODY }),
    );
    const outcomes = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        client
          .send(
            new CompleteMultipartUploadCommand({
              Bucket: s3.bucket,
              Key,
              UploadId,
              MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
            }),
          )
          .then(
            (done) => ({ etag: done.ETag }),
            (error: { name?: string }) => ({ code: error.name }),
          ),
      ),
    );
    expectCloudAnswers(outcomes);
    expect((await sandbox.context.store.describe(s3.bucket, Key))?.size).toBe(BODY.length);
  });

  it('sandbox answers each on COS', async () => {
    const { tencent } = sandbox.descriptor;
    const cos = cosWithKeysOf(sandbox.descriptor);
    const target = { Bucket: tencent.bucket, Region: tencent.region, Key: 'concurrent/cos.bin' };
    const { UploadId } = await cos.multipartInit(target);
    const { ETag } = await cos.multipartUpload({ ...target, UploadId, PartNumber: 1, Body: BODY });
    const outcomes = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        cos.multipartComplete({ ...target, UploadId, Parts: [{ PartNumber: 1, ETag }] }).then(
          (done) => ({ etag: done.ETag }),
          (error: { code?: string; error?: { Code?: string } }) => ({
            code: error.error?.Code ?? error.code,
          }),
        ),
      ),
    );
    expectCloudAnswers(outcomes);
    expect((await sandbox.context.store.describe(tencent.bucket, target.Key))?.size).toBe(BODY.length);
  });

  it('sandbox answers each on OSS', async () => {
    const clients = aliyunClients(sandbox.descriptor);
    const key = 'concurrent/oss.bin';
    const init = await clients.ossFetch('POST', key, { uploads: '' });
    const uploadId = xml.parse(await init.text()).InitiateMultipartUploadResult.UploadId as string;
    const part = await clients.ossFetch('PUT', key, { partNumber: '1', uploadId }, BODY.toString());
    const etag = part.headers.get('etag') ?? '';
    const complete = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`;
    const outcomes = await Promise.all(
      Array.from({ length: CONCURRENT }, async () => {
        const answer = await clients.ossFetch('POST', key, { uploadId }, complete);
        const doc = xml.parse(await answer.text());
        return answer.status === 200
          ? { etag: doc.CompleteMultipartUploadResult.ETag as string }
          : { code: doc.Error?.Code as string };
      }),
    );
    expectCloudAnswers(outcomes);
    expect((await sandbox.context.store.describe(sandbox.descriptor.aliyun.bucket, key))?.size).toBe(
      BODY.length,
    );
  });
});
