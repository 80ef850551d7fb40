import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { expect, test } from '@playwright/test';
import { type PageOrigin, startPageOrigin } from '../support/start-page-origin.js';
import { type S3Fixture, startS3Fixture } from './s3-fixture.js';
import { uploadPresignedParts } from './upload-presigned-parts.js';

const MiB = 1024 * 1024;
let f: S3Fixture;
let pageOrigin: PageOrigin;

test.beforeAll(async () => {
  f = await startS3Fixture();
  pageOrigin = await startPageOrigin('s3 presign');
});

test.afterAll(async () => {
  await f.close();
  await pageOrigin.close();
});

/** In the page: makes `size` pseudo-random bytes, PUTs them to `url`, reports what it could read back. */
async function putFromPage(page: import('@playwright/test').Page, url: string, size: number, seed: number) {
  return page.evaluate(
    async ({ url, size, seed }) => {
      const data = new Uint8Array(size);
      let x = seed;
      for (let i = 0; i < size; i++) {
        x = (x * 1103515245 + 12345) >>> 0;
        data[i] = x >>> 24;
      }
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
      const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      const response = await fetch(url, {
        method: 'PUT',
        body: data,
        headers: { 'content-type': 'application/octet-stream' },
      });
      return {
        status: response.status,
        etag: response.headers.get('etag'),
        requestId: response.headers.get('x-amz-request-id'),
        sha256,
      };
    },
    { url, size, seed },
  );
}

test('a page on another origin PUTs an object to a presigned S3 URL', async ({ page }) => {
  await page.goto(pageOrigin.url);
  const since = f.sandbox.context.log.lastSeq;
  const Key = 'browser/presigned put.mp4';
  const url = await getSignedUrl(f.s3, new PutObjectCommand({ Bucket: f.bucket, Key }), { expiresIn: 300 });
  const result = await putFromPage(page, url, 3 * MiB + 17, 42);
  expect(result.status).toBe(200);
  // Readable only because the sandbox exposes them to the page's origin.
  expect(result.etag).toMatch(/^"[0-9a-f]{32}"$/);
  expect(result.requestId).toMatch(/^[0-9A-F]{16}$/);
  expect(await f.stored(Key)).toEqual({ size: 3 * MiB + 17, sha256: result.sha256 });
  const log = f.sandbox.context.log.list(since);
  expect(log.some((r) => r.method === 'OPTIONS' && r.path.startsWith('/vod-sandbox/browser/'))).toBe(true);
  expect(log.find((r) => r.action === 'PutObject')).toMatchObject({ status: 200, bytesIn: 3 * MiB + 17 });
});

test('a page PUTs multipart parts to presigned UploadPart URLs and reads their ETags', async ({ page }) => {
  await page.goto(pageOrigin.url);
  const Key = 'browser/parts.bin';
  await uploadPresignedParts(f, Key, [5 * MiB, 1000], async (url, size, partNumber) => {
    const result = await putFromPage(page, url, size, partNumber);
    expect(result.status).toBe(200);
    return result.etag ?? '';
  });
  expect((await f.stored(Key))?.size).toBe(5 * MiB + 1000);
});

test('an expired presigned URL is refused in the browser with a readable S3 error', async ({ page }) => {
  await page.goto(pageOrigin.url);
  const url = await getSignedUrl(f.s3, new PutObjectCommand({ Bucket: f.bucket, Key: 'browser/late' }), {
    expiresIn: 1,
  });
  f.sandbox.context.clock.skewMs = 5_000;
  try {
    const text = await page.evaluate(async (u) => (await fetch(u, { method: 'PUT', body: 'x' })).text(), url);
    expect(text).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message>');
  } finally {
    f.sandbox.context.clock.skewMs = 0;
  }
  expect(await f.stored('browser/late')).toBeUndefined();
});
