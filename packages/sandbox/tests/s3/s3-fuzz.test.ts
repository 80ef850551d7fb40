import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { type RawAnswer, rawRequest } from '../support/raw-request.js';
import { bytes, sha256 } from './s3-fixture.js';
import { useS3Fixture } from './use-s3-fixture.js';

const f = useS3Fixture();

/** A small seeded PRNG, so a failing run can be replayed from the seed it prints. */
function prng(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
    int: (n: number) => Math.floor(next() * n),
  };
}

function send(url: URL, method: string, headers: Record<string, string>, body: Buffer): Promise<RawAnswer> {
  return rawRequest({
    host: url.hostname,
    port: url.port,
    method,
    path: `${url.pathname}${url.search}`,
    // Node's client does not frame DELETE/GET bodies by itself: without a length the body would
    // read as a second, garbage request.
    headers: { ...headers, 'content-length': String(body.length) },
    body,
    timeoutMs: 10_000,
  });
}

describe('S3 under malformed requests', () => {
  it('answers 200 random malformed requests without a 5xx (but NotImplemented) and keeps working', async () => {
    const seed = Date.now() % 1_000_000;
    const r = prng(seed);
    const { bucket } = f;
    const { accessKeyId } = f.sandbox.descriptor.s3;
    const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'fuzz/k' }));
    // Correctly signed URLs, so some requests get past the signature check with a broken rest.
    const presigned = await Promise.all([
      getSignedUrl(f.s3, new PutObjectCommand({ Bucket: bucket, Key: 'fuzz/k' }), { expiresIn: 600 }),
      getSignedUrl(f.s3, new UploadPartCommand({ Bucket: bucket, Key: 'fuzz/k', UploadId, PartNumber: 2 }), {
        expiresIn: 600,
      }),
      getSignedUrl(
        f.s3,
        new UploadPartCommand({ Bucket: bucket, Key: 'fuzz/k', UploadId: 'zz..', PartNumber: 1 }),
        { expiresIn: 600 },
      ),
      getSignedUrl(f.s3, new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'fuzz/k', UploadId }), {
        expiresIn: 600,
      }),
      getSignedUrl(f.s3, new ListPartsCommand({ Bucket: bucket, Key: 'fuzz/k', UploadId }), {
        expiresIn: 600,
      }),
    ]);
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    const paths = [
      '',
      '/',
      '/k',
      '/fuzz/k',
      '/%E0%A4%A',
      '/a/../k',
      `/${'x'.repeat(1100)}`,
      '/k%00',
      '/ü/é',
      '//',
    ];
    const queries = [
      'uploads',
      `uploadId=${UploadId}`,
      'uploadId=../../etc',
      'partNumber=0',
      'partNumber=abc',
      'partNumber=10001',
      'partNumber=1',
      'max-parts=-1',
      'max-uploads=x',
      'tagging',
      'acl',
      'x-id=PutObject',
      'X-Amz-Algorithm=AWS4-HMAC-SHA256',
      'X-Amz-Credential=a/b',
      `X-Amz-Credential=${accessKeyId}/20200101/us-east-1/s3/aws4_request`,
      'X-Amz-Date=2020',
      `X-Amz-Date=${amzDate}`,
      'X-Amz-Expires=0',
      'X-Amz-Expires=99999999',
      'X-Amz-SignedHeaders=host',
      'X-Amz-SignedHeaders=HOST;;',
      'X-Amz-Signature=abc',
    ];
    const headerChoices: Array<[string, string[]]> = [
      [
        'authorization',
        [
          'garbage',
          'AWS4-HMAC-SHA256',
          'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=x',
          `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
          'AWS AKIA:abc=',
          'AWS4-HMAC-SHA256 Credential=,,,',
        ],
      ],
      ['x-amz-date', [amzDate, 'yesterday', '20990101T000000Z']],
      [
        'x-amz-content-sha256',
        [
          'UNSIGNED-PAYLOAD',
          'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
          'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'zz',
          '0'.repeat(64),
        ],
      ],
      ['content-encoding', ['aws-chunked']],
      ['x-amz-decoded-content-length', ['5', '-1', 'x']],
      ['range', ['bytes=5-1', 'bytes=-0', 'bytes=99999999-', 'lines=1-2', 'bytes=0-0,2-3']],
      ['content-md5', ['zz', '1B2M2Y8AsgTpgAmY7PhCfg==']],
      ['x-amz-checksum-crc32', ['AAAAAA==', '???']],
      ['x-amz-copy-source', ['/other/key']],
      ['x-amz-security-token', ['tok']],
    ];
    const bodies = [
      Buffer.alloc(0),
      Buffer.from('5\r\nhello\r\n0\r\n\r\n'),
      Buffer.from('zz\r\n'),
      Buffer.from('<Complete'),
      Buffer.from(
        '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>',
      ),
      Buffer.from(
        '<CompleteMultipartUpload><Part><PartNumber>-1</PartNumber></Part></CompleteMultipartUpload>',
      ),
      bytes(3000, 5),
    ];

    const seen = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      let url: URL;
      if (r.chance(0.3)) {
        url = new URL(r.pick(presigned));
        if (r.chance(0.3))
          url.searchParams.set(r.pick(['partNumber', 'X-Amz-Expires', 'uploadId']), r.pick(['0', '1', 'x']));
      } else {
        url = new URL(`${f.sandbox.url}/${bucket}${r.pick(paths)}`);
        const count = r.int(4);
        url.search = Array.from({ length: count }, () => r.pick(queries)).join('&');
      }
      const headers: Record<string, string> = {};
      for (const [name, values] of headerChoices) if (r.chance(0.35)) headers[name] = r.pick(values);
      const method = r.pick(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'PATCH']);
      const response = await send(url, method, headers, r.pick(bodies));
      seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
      const label = `seed ${seed}, request ${i}: ${method} ${url.pathname}${url.search} ${JSON.stringify(headers)} → ${response.status} ${response.body.slice(0, 300)}`;
      const notImplemented = method === 'HEAD' || response.body.includes('<Code>NotImplemented</Code>');
      expect(response.status === 501 ? notImplemented : response.status < 500, label).toBe(true);
      if (method !== 'HEAD' && response.status >= 400)
        expect(response.body, label).toMatch(/^<\?xml[\s\S]*<Error><Code>/);
    }
    expect(seen.size).toBeGreaterThan(3);

    // Still healthy: a normal upload goes through byte for byte.
    const body = bytes(10_000, 11);
    await f.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'after-fuzz', Body: body }));
    expect(await f.stored('after-fuzz')).toEqual({ size: body.length, sha256: sha256(body) });
  });
});
