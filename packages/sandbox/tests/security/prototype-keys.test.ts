import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import OSS from 'ali-oss';
import COS from 'cos-nodejs-sdk-v5';
import tencentcloud from 'tencentcloud-sdk-nodejs-vod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliyunClients } from '../aliyun/aliyun-clients.js';
import { s3ClientFor } from '../s3/s3-fixture.js';
import { refusal } from '../tencent/tencent-fixture.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  // Temporary credentials exist, so a lookup that falls through to Object.prototype has records beside it.
  const { tencent } = sandbox.descriptor;
  const vod = vodClient(tencent.secretId, tencent.secretKey);
  await vod.ApplyUpload({ MediaType: 'mp4' });
});
afterAll(() => sandbox.close());

function vodClient(secretId: string, secretKey: string) {
  return new tencentcloud.vod.v20180717.Client({
    credential: { secretId, secretKey },
    region: sandbox.descriptor.tencent.region,
    profile: {
      httpProfile: { endpoint: sandbox.descriptor.tencent.vodEndpoint, protocol: 'http://', reqTimeout: 20 },
    },
  });
}

// Names every plain object inherits: an id lookup on `{}` finds them on Object.prototype.
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe.each(NAMES)('an AccessKeyId of %s', (accessKeyId) => {
  it(`sandbox refuses it on Tencent VOD API 3.0: AuthFailure.SecretIdNotFound`, async () => {
    const error = await refusal(vodClient(accessKeyId, 'secret').DescribeMediaInfos({ FileIds: ['1'] }));
    expect(error.code).toBe('AuthFailure.SecretIdNotFound');
  });

  it(`sandbox refuses it on COS: 403 InvalidAccessKeyId`, async () => {
    const { tencent } = sandbox.descriptor;
    const cos = new COS({
      Domain: tencent.cosDomain,
      Protocol: 'http:',
      SecretId: accessKeyId,
      SecretKey: 's',
    });
    const put = cos.putObject({
      Bucket: tencent.bucket,
      Region: tencent.region,
      Key: 'x/a.mp4',
      Body: 'abc',
    });
    expect(await refusal(put)).toEqual({ code: 'InvalidAccessKeyId', statusCode: 403 });
  });

  it(`sandbox refuses it on Alibaba VOD RPC: 404 InvalidAccessKeyId.NotFound`, async () => {
    const clients = aliyunClients(sandbox.descriptor);
    const client = clients.vodClient({ accessKeyId, accessKeySecret: 'secret' });
    const error = await clients.refusal('GetVideoInfo', { VideoId: '0'.repeat(32) }, client);
    expect([error.code, error.status]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
    expect(error.data.Message).toBe('Specified access key is not found.');
  });

  it(`sandbox refuses it on OSS: 403 InvalidAccessKeyId in OSS's XML`, async () => {
    const { aliyun } = sandbox.descriptor;
    const oss = new OSS({
      endpoint: aliyun.ossEndpoint,
      bucket: aliyun.bucket,
      region: `oss-${aliyun.regionId}`,
      accessKeyId,
      accessKeySecret: 'secret',
      sldEnable: true,
      secure: false,
    } as OSS.Options);
    const error = await oss.put('sv/a.mp4', Buffer.from('abc')).then(
      () => undefined,
      (e: { code?: string; status?: number; message?: string }) => e,
    );
    expect(error).toMatchObject({ code: 'InvalidAccessKeyId', status: 403 });
    expect(error?.message).not.toMatch(/TypeError|undefined/);
  });

  it(`sandbox refuses it on S3: 403 InvalidAccessKeyId`, async () => {
    const { s3 } = sandbox.descriptor;
    const client = s3ClientFor(sandbox.descriptor, {
      credentials: { accessKeyId, secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    const error = await client
      .send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'a.mp4', Body: 'abc' }))
      .then(
        () => undefined,
        (e: { name?: string; $metadata?: { httpStatusCode?: number } }) => e,
      );
    expect([error?.name, error?.$metadata?.httpStatusCode]).toEqual(['InvalidAccessKeyId', 403]);
  });
});
