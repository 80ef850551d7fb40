import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import tencentcloud from 'tencentcloud-sdk-nodejs-vod';
import { cosCredentialsOf, type TempCertificate } from '../../../../tests/support/cos-credentials-of.js';
import { type SandboxProcess, startSandboxProcess } from '../support/sandbox-process.js';
import { type PageOrigin, startPageOrigin } from '../support/start-page-origin.js';

const MiB = 1024 * 1024;
const require = createRequire(import.meta.url);
const cosDist = join(dirname(require.resolve('cos-js-sdk-v5/package.json')), 'dist', 'cos-js-sdk-v5.min.js');

let sandbox: SandboxProcess;
let vod: InstanceType<typeof tencentcloud.vod.v20180717.Client>;
let pageOrigin: PageOrigin;

test.beforeAll(async () => {
  sandbox = await startSandboxProcess();
  const { tencent } = sandbox.descriptor;
  vod = new tencentcloud.vod.v20180717.Client({
    credential: { secretId: tencent.secretId, secretKey: tencent.secretKey },
    region: tencent.region,
    profile: { httpProfile: { endpoint: tencent.vodEndpoint, protocol: 'http://' } },
  });
  pageOrigin = await startPageOrigin('cos browser');
});

test.afterAll(async () => {
  await sandbox.stop();
  await pageOrigin.close();
});

test('cos-js-sdk-v5 in Chromium uploads a 4-part Blob with sliceUploadFile and a TempCertificate', async ({
  page,
}) => {
  const apply = await vod.ApplyUpload({ MediaType: 'mp4' });
  const key = apply.MediaStoragePath!.slice(1);
  await page.goto(pageOrigin.url);
  await page.addScriptTag({ path: cosDist });
  const since = await lastSeq();

  const result = await page.evaluate(
    async ({ credentials, bucket, region, domain, key, size }) => {
      const data = new Uint8Array(size);
      let x = 12345;
      for (let i = 0; i < size; i++) {
        x = (x * 1103515245 + 12345) >>> 0;
        data[i] = x >>> 24;
      }
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
      const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      type Callback = (error: unknown, data: { ETag?: string; statusCode?: number }) => void;
      const COS = (
        window as unknown as {
          COS: new (options: object) => { sliceUploadFile(p: object, cb: Callback): void };
        }
      ).COS;
      const cos = new COS({
        Domain: domain,
        Protocol: 'http:',
        getAuthorization(_options: unknown, callback: (credentials: object) => void) {
          callback(credentials);
        },
      });
      let progress = 0;
      const uploaded = await new Promise<{ ETag?: string; statusCode?: number }>((resolve, reject) => {
        cos.sliceUploadFile(
          {
            Bucket: bucket,
            Region: region,
            Key: key,
            Body: new Blob([data], { type: 'video/mp4' }),
            SliceSize: 1024 * 1024,
            ChunkSize: 1024 * 1024,
            onProgress: (info: { percent: number }) => {
              progress = info.percent;
            },
          },
          (error, data) => (error ? reject(new Error(JSON.stringify(error))) : resolve(data)),
        );
      });
      return { sha256, etag: uploaded.ETag, status: uploaded.statusCode, progress, origin: location.origin };
    },
    {
      // Made in Node: the page gets plain data, the same credentials the Node fixture signs with.
      credentials: cosCredentialsOf(apply.TempCertificate as TempCertificate),
      bucket: sandbox.descriptor.tencent.bucket,
      region: sandbox.descriptor.tencent.region,
      domain: sandbox.descriptor.tencent.cosDomain,
      key,
      size: 3.5 * MiB,
    },
  );

  expect(result.status).toBe(200);
  expect(result.etag).toMatch(/-4"$/);
  expect(result.progress).toBe(1);
  expect(result.origin).not.toBe(sandbox.descriptor.url);
  expect(await stored(key)).toEqual({ size: 3.5 * MiB, sha256: result.sha256 });
  const log = await requestLog(since);
  expect(log.some((r) => r.method === 'OPTIONS')).toBe(true);
  expect(log.filter((r) => r.action === 'UploadPart' && r.status === 200)).toHaveLength(4);

  const commit = await vod.CommitUpload({ VodSessionKey: apply.VodSessionKey! });
  const info = await vod.DescribeMediaInfos({ FileIds: [commit.FileId!] });
  expect(info.MediaInfoSet?.[0]?.MetaData?.Size).toBe(3.5 * MiB);
});

interface LogRecord {
  seq: number;
  method: string;
  action?: string;
  status: number;
}

async function requestLog(since: number): Promise<LogRecord[]> {
  const response = await fetch(`${sandbox.descriptor.adminUrl}/log?since=${since}`);
  return ((await response.json()) as { records: LogRecord[] }).records;
}

async function lastSeq(): Promise<number> {
  return (await requestLog(0)).at(-1)?.seq ?? 0;
}

async function stored(key: string): Promise<unknown> {
  const { adminUrl, tencent } = sandbox.descriptor;
  const response = await fetch(`${adminUrl}/objects?bucket=${tencent.bucket}&key=${encodeURIComponent(key)}`);
  return response.ok ? response.json() : undefined;
}
