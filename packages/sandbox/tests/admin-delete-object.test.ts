import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import COS from 'cos-nodejs-sdk-v5';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'vod-sandbox-admin-'));
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ dataDir });
});
afterAll(() => sandbox.close());

/** A COS PutObject signed with the account key. */
async function put(key: string, body: Buffer): Promise<number> {
  const { tencent, url } = sandbox.descriptor;
  const authorization = COS.getAuthorization({
    SecretId: tencent.secretId,
    SecretKey: tencent.secretKey,
    Method: 'PUT',
    Pathname: `/${key}`,
    Headers: { Host: url.replace('http://', '') },
  });
  const response = await fetch(`${url}/${tencent.bucket}/${key}`, {
    method: 'PUT',
    headers: { authorization },
    body: new Uint8Array(body),
  });
  return response.status;
}

/** Bytes under the bucket's directory on disk. */
function bytesOnDisk(bucket: string): number {
  const dir = join(dataDir, 'objects', bucket);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

const objectsUrl = (bucket: string, key: string) =>
  `${sandbox.descriptor.adminUrl}/objects?bucket=${encodeURIComponent(bucket)}&key=${encodeURIComponent(key)}`;

it('DELETE /_sandbox/objects frees a stored object and its bytes; unknown or odd names are 404', async () => {
  const bucket = sandbox.descriptor.tencent.bucket;
  expect(await put('bench/one.bin', Buffer.alloc(1024 * 1024, 7))).toBe(200);
  expect(bytesOnDisk(bucket)).toBeGreaterThanOrEqual(1024 * 1024);
  expect((await fetch(objectsUrl(bucket, 'bench/one.bin'))).status).toBe(200);

  expect((await fetch(objectsUrl(bucket, 'bench/one.bin'), { method: 'DELETE' })).status).toBe(200);
  expect((await fetch(objectsUrl(bucket, 'bench/one.bin'))).status).toBe(404);
  expect(bytesOnDisk(bucket)).toBeLessThan(1024);

  expect((await fetch(objectsUrl(bucket, 'bench/one.bin'), { method: 'DELETE' })).status).toBe(404);
  expect((await fetch(objectsUrl('../objects', 'x'), { method: 'DELETE' })).status).toBe(404);
  expect((await fetch(objectsUrl('', ''), { method: 'DELETE' })).status).toBe(404);
});

it('GET /_sandbox/objects takes a Tencent path with or without its leading slash', async () => {
  const bucket = sandbox.descriptor.tencent.bucket;
  const body = Buffer.from('the stored bytes');
  expect(await put('vodgzp/abc/f0.mp4', body)).toBe(200);
  const sha256 = createHash('sha256').update(body).digest('hex');
  for (const key of ['vodgzp/abc/f0.mp4', '/vodgzp/abc/f0.mp4']) {
    const response = await fetch(objectsUrl(bucket, key));
    expect(response.status, key).toBe(200);
    expect(await response.json(), key).toEqual({ size: body.length, sha256 });
  }
  expect((await fetch(objectsUrl(bucket, '/vodgzp/abc/none.mp4'))).status).toBe(404);
});
