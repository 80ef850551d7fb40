import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSandbox, type SandboxProcess, startSandboxProcess } from '../support/sandbox-process.js';
import { signCosRequest } from '../support/sign-cos-request.js';

/**
 * 1 GiB through COS multipart (64 × 16 MiB, 3 parts in flight) into the sandbox CLI running as a
 * child process (the built `vod-sandbox` bin); its peak RSS (VmHWM) must stay under 150 MB: bodies are streamed, never buffered.
 */
const MiB = 1024 * 1024;
const PART_SIZE = 16 * MiB;
const PARTS = 64;
const IN_FLIGHT = 3;
const CHUNK = MiB;
const LIMIT_BYTES = 150 * 1000 * 1000;

let sandbox: SandboxProcess;
const base = randomBytes(CHUNK);

beforeAll(async () => {
  buildSandbox();
  sandbox = await startSandboxProcess({ built: true });
});
afterAll(() => sandbox?.stop());

/** Chunk `j` of part `i`: the shared random MiB stamped with (i, j), so every chunk differs. */
function chunk(part: number, index: number): Buffer {
  const out = Buffer.from(base);
  out.writeUInt32LE(part, 0);
  out.writeUInt32LE(index, 4);
  return out;
}

/** A request signed with the account key, as node:http sends it: its body can be streamed. */
function signedRequest(method: 'PUT' | 'POST', key: string, query: Record<string, string>) {
  const { descriptor } = sandbox;
  const keys = { SecretId: descriptor.tencent.secretId, SecretKey: descriptor.tencent.secretKey };
  const { path, headers } = signCosRequest(descriptor, keys, method, key, query);
  return request({ host: '127.0.0.1', port: Number(new URL(descriptor.url).port), method, path, headers });
}

function answer(req: ReturnType<typeof request>): Promise<{ status: number; etag: string; body: string }> {
  return new Promise((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          etag: String(res.headers.etag),
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
}

/** Streams one part chunk by chunk, honouring backpressure; returns its ETag and the md5 we expect. */
async function uploadPart(
  key: string,
  uploadId: string,
  part: number,
): Promise<{ etag: string; md5: string }> {
  const req = signedRequest('PUT', key, { partNumber: String(part), uploadId });
  req.setHeader('content-length', PART_SIZE);
  const done = answer(req);
  const md5 = createHash('md5');
  for (let j = 0; j < PART_SIZE / CHUNK; j++) {
    const data = chunk(part, j);
    md5.update(data);
    if (!req.write(data)) await new Promise((r) => req.once('drain', r));
  }
  req.end();
  const result = await done;
  expect(result.status).toBe(200);
  return { etag: result.etag, md5: `"${md5.digest('hex')}"` };
}

function peakRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return kb * 1024;
}

describe('memory: 1 GiB COS multipart into the sandbox CLI', () => {
  it('keeps the sandbox peak RSS under 150 MB', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const key = 'memory/one-gib.bin';
    const init = await answer(signedRequest('POST', key, { uploads: '' }).end());
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.body)?.[1] ?? '';
    expect(uploadId).not.toBe('');

    const etags: string[] = [];
    let next = 1;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next <= PARTS) {
          const part = next++;
          const { etag, md5 } = await uploadPart(key, uploadId, part);
          expect(etag).toBe(md5);
          etags[part - 1] = etag;
        }
      }),
    );
    const xml = `<CompleteMultipartUpload>${etags
      .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`)
      .join('')}</CompleteMultipartUpload>`;
    const complete = await answer(signedRequest('POST', key, { uploadId }).end(xml));
    expect(complete.status).toBe(200);
    const seconds = (Date.now() - started) / 1000;

    const sha = createHash('sha256');
    for (let i = 1; i <= PARTS; i++) for (let j = 0; j < PART_SIZE / CHUNK; j++) sha.update(chunk(i, j));
    const { adminUrl, tencent } = sandbox.descriptor;
    const stored = await fetch(`${adminUrl}/objects?bucket=${tencent.bucket}&key=${encodeURIComponent(key)}`);
    expect(await stored.json()).toEqual({ size: PARTS * PART_SIZE, sha256: sha.digest('hex') });

    const peak = peakRssBytes(sandbox.child.pid!);
    console.log(
      `memory: 1 GiB in ${seconds.toFixed(1)} s (${((PARTS * PART_SIZE) / MiB / seconds).toFixed(0)} MiB/s), sandbox peak RSS (VmHWM) ${(peak / 1e6).toFixed(1)} MB`,
    );
    expect(peak).toBeLessThan(LIMIT_BYTES);
  });
});
