import { request } from 'node:http';
import COS from 'cos-nodejs-sdk-v5';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** Starts a signed COS PutObject (account key), writes `bytes` of its body, then drops the connection. */
function abortedPut(key: string, bytes: number): Promise<void> {
  const { tencent, url } = sandbox.descriptor;
  const host = url.replace('http://', '');
  const authorization = COS.getAuthorization({
    SecretId: tencent.secretId,
    SecretKey: tencent.secretKey,
    Method: 'PUT',
    Pathname: `/${key}`,
    Headers: { Host: host },
  });
  return new Promise((done) => {
    const req = request({
      host: '127.0.0.1',
      port: Number(host.split(':')[1]),
      method: 'PUT',
      path: `/${tencent.bucket}/${key}`,
      headers: { authorization, 'content-length': 4 * bytes },
    });
    req.on('error', () => done());
    req.write(Buffer.alloc(bytes, 1), () => {
      setTimeout(() => {
        req.destroy();
        done();
      }, 200);
    });
  });
}

it('survives clients that abort uploads while the bandwidth cap holds their bodies', async () => {
  await fetch(`${sandbox.descriptor.adminUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bandwidthBytesPerSecond: 64 * 1024 }),
  });
  await Promise.all(Array.from({ length: 5 }, (_, i) => abortedPut(`aborted/${i}.bin`, 256 * 1024)));
  await new Promise((resolve) => setTimeout(resolve, 500));

  const faults = await fetch(`${sandbox.descriptor.adminUrl}/faults`);
  expect(faults.status).toBe(200);
  const stored = await fetch(
    `${sandbox.descriptor.adminUrl}/objects?bucket=${sandbox.descriptor.tencent.bucket}&key=aborted/0.bin`,
  );
  expect(stored.status).toBe(404);
});
