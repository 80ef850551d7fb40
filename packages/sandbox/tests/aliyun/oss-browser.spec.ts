import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import { type SandboxProcess, startSandboxProcess } from '../support/sandbox-process.js';
import { type PageOrigin, startPageOrigin } from '../support/start-page-origin.js';
import {
  type AliyunClients,
  aliyunClients,
  decodeBase64Json,
  ossOptionsOf,
  type UploadAddress,
  type UploadAuth,
} from './aliyun-clients.js';

const sdkPath = createRequire(import.meta.url).resolve('ali-oss/dist/aliyun-oss-sdk.min.js');
let sandbox: SandboxProcess;
let f: AliyunClients;
let pageOrigin: PageOrigin;

test.beforeAll(async () => {
  sandbox = await startSandboxProcess();
  f = aliyunClients(sandbox.descriptor);
  pageOrigin = await startPageOrigin('oss browser');
});

test.afterAll(async () => {
  await sandbox.stop();
  await pageOrigin.close();
});

async function createVideo(): Promise<{ videoId: string; address: UploadAddress; auth: UploadAuth }> {
  const created = await f.call<{ VideoId: string; UploadAddress: string; UploadAuth: string }>(
    'CreateUploadVideo',
    {
      Title: 'browser',
      FileName: 'browser.mp4',
    },
  );
  return {
    videoId: created.VideoId,
    address: decodeBase64Json<UploadAddress>(created.UploadAddress),
    auth: decodeBase64Json<UploadAuth>(created.UploadAuth),
  };
}

type UploadInPage = {
  /** ali-oss options made in Node by `ossOptionsOf`: the page gets plain data. */
  options: ReturnType<typeof ossOptionsOf>;
  key: string;
  size: number;
};

/** In the page: ali-oss's browser build uploads `size` pseudo-random bytes as a Blob, multipart. */
function uploadInPage({ options, key, size }: UploadInPage) {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's browser global is untyped
  const OSS = (window as any).OSS;
  const data = new Uint8Array(size);
  let x = 12345;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  const client = new OSS(options);
  const partEtags: string[] = [];
  return crypto.subtle.digest('SHA-256', data).then(async (digest) => {
    const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    try {
      const result = await client.multipartUpload(key, new Blob([data], { type: 'video/mp4' }), {
        partSize: 100 * 1024,
        parallel: 2,
        progress: async (_p: number, checkpoint: { doneParts: Array<{ etag: string }> }) => {
          if (checkpoint) partEtags.splice(0, partEtags.length, ...checkpoint.doneParts.map((p) => p.etag));
        },
      });
      return {
        ok: true,
        status: result.res.status as number,
        requestId: (result.res.headers['x-oss-request-id'] as string | undefined) ?? null,
        partEtags,
        sha256,
      };
    } catch (error) {
      const e = error as { code?: string; status?: number; requestId?: string };
      return { ok: false, code: e.code, status: e.status, requestId: e.requestId ?? null, partEtags, sha256 };
    }
  });
}

test('ali-oss browser build: multipartUpload of a 4-part Blob from another origin', async ({ page }) => {
  await page.goto(pageOrigin.url);
  await page.addScriptTag({ path: sdkPath });
  const { videoId, address, auth } = await createVideo();
  const since = (await f.log()).at(-1)?.seq ?? 0;
  const size = 350 * 1024 + 3;
  const result = await page.evaluate(uploadInPage, {
    options: ossOptionsOf(address, auth),
    key: address.FileName,
    size,
  });
  expect(result).toMatchObject({ ok: true, status: 200 });
  // Readable only because the sandbox exposes ETag and x-oss-request-id to the page's origin.
  expect(result.requestId).toMatch(/^[0-9A-F]{24}$/);
  expect(result.partEtags).toHaveLength(4);
  for (const etag of result.partEtags) expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
  expect(await f.stored(address.Bucket, address.FileName)).toEqual({ size, sha256: result.sha256 });
  const log = await f.log(since);
  expect(log.some((r) => r.method === 'OPTIONS' && r.path.startsWith(`/${address.Bucket}/`))).toBe(true);
  expect(log.filter((r) => r.action === 'UploadPart' && r.status === 200)).toHaveLength(4);
  const info = await f.call<{ Video: { Status: string; Size: number } }>('GetVideoInfo', {
    VideoId: videoId,
  });
  expect(info.Video).toMatchObject({ Status: 'UploadSucc', Size: size });
});

test('an expired UploadAuth fails in the browser with a readable SecurityTokenExpired', async ({ page }) => {
  await page.goto(pageOrigin.url);
  await page.addScriptTag({ path: sdkPath });
  const { address, auth } = await createVideo();
  await fetch(`${f.descriptor.adminUrl}/expire-credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  });
  const result = await page.evaluate(uploadInPage, {
    options: ossOptionsOf(address, auth),
    key: address.FileName,
    size: 1000,
  });
  expect(result).toMatchObject({ ok: false, code: 'SecurityTokenExpired', status: 403 });
  expect(result.requestId).toMatch(/^[0-9A-F]{24}$/);
  expect(await f.stored(address.Bucket, address.FileName)).toBeUndefined();
});
