import { request } from 'node:http';
import { CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { useFixture } from '../support/use-fixture.js';
import { bytes, s3ClientFor } from './s3-fixture.js';

/** A limit the test can pass in a few chunks, standing in for S3's 5 GiB. */
const LIMIT = 256 * 1024;
const CHUNK = 64 * 1024;

const sandbox = useFixture(
  () => startSandbox({ port: 0, uploadMaxBytes: LIMIT }),
  (started: Sandbox) => started.close(),
);
const xml = new XMLParser({ parseTagValue: false });

/**
 * PUTs `size` bytes to a presigned URL with `Transfer-Encoding: chunked` and no length, a chunk at a
 * time, and stops sending once an answer arrives (as a client does when the server refuses early).
 * Resolves the answer and how many bytes had been sent by then.
 */
function putUnsized(url: string, size: number): Promise<{ status: number; body: string; sent: number }> {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      {
        host: hostname,
        port,
        method: 'PUT',
        path: `${pathname}${search}`,
        headers: { 'transfer-encoding': 'chunked' },
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sent }),
        );
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    // Once the server answered and closed, the rest of the body has nowhere to go: not a failure.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const data = bytes(size, 7);
    const sendMore = () => {
      while (!answered && sent < size) {
        const chunk = data.subarray(sent, sent + CHUNK);
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', sendMore);
          return;
        }
      }
      if (!answered) req.end();
    };
    sendMore();
  });
}

describe('S3: a body that declares no length (Transfer-Encoding: chunked) is cut off past the upload limit', () => {
  it('PutObject and UploadPart: 400 EntityTooLarge while streaming, before the whole body is sent; nothing stored; a body within the limit is stored', async () => {
    const { descriptor, context } = sandbox;
    // Presigned as a browser would get them, with no checksum in the query.
    const s3 = s3ClientFor(descriptor, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    const Bucket = descriptor.s3.bucket;
    try {
      const Key = 'unsized/put.bin';
      const put = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key }), { expiresIn: 60 });
      const total = 64 * LIMIT;
      const refused = await putUnsized(put, total);
      expect(refused.status).toBe(400);
      expect(xml.parse(refused.body).Error).toMatchObject({
        Code: 'EntityTooLarge',
        MaxSizeAllowed: String(LIMIT),
      });
      expect(refused.sent).toBeLessThan(total);
      expect(await context.store.describe(Bucket, Key)).toBeUndefined();

      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
      const part = await getSignedUrl(s3, new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1 }), {
        expiresIn: 60,
      });
      const partRefused = await putUnsized(part, total);
      expect([partRefused.status, xml.parse(partRefused.body).Error?.Code]).toEqual([400, 'EntityTooLarge']);
      expect(await context.store.listParts(UploadId as string)).toEqual([]);

      const fits = await putUnsized(put, LIMIT);
      expect(fits.status).toBe(200);
      expect(await context.store.describe(Bucket, Key)).toMatchObject({ size: LIMIT });
    } finally {
      s3.destroy();
    }
  });
});
