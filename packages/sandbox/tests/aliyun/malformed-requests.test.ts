import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useAliyunFixture } from './aliyun-fixture.js';

const f = useAliyunFixture();

/** A small seeded PRNG so a failure can be replayed. */
function random(seed: number) {
  let x = seed;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const junk = () =>
    pick([
      '',
      ' ',
      '%',
      '%zz',
      '../..',
      '\u00e9\u6f22',
      'a'.repeat(3000),
      '-1',
      '0',
      '99999999999',
      '{"a":',
      'null',
      '<x>',
      '+',
      '&=&',
    ]);
  return { next, pick, junk };
}

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<number> {
  const { port } = new URL(f.sandbox.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const RPC_PARAMS = [
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'Signature',
  'SecurityToken',
  'Title',
  'FileName',
  'VideoId',
  'UploadURLs',
  'JobIds',
  'Tags',
  'UserData',
] as const;
const ACTIONS = [
  'CreateUploadVideo',
  'RefreshUploadVideo',
  'GetVideoInfo',
  'UploadMediaByURL',
  'GetURLUploadInfos',
  'x',
];

describe('malformed requests never crash the sandbox nor get a 5xx', () => {
  it('300 random RPC calls', async () => {
    const r = random(20261122);
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const params = new URLSearchParams();
      params.set('Action', r.pick(ACTIONS));
      params.set('SignatureVersion', r.next() < 0.8 ? '1.0' : r.junk());
      for (const name of RPC_PARAMS) {
        if (r.next() < 0.5) params.set(name, r.next() < 0.5 ? r.junk() : goodValue(name));
      }
      const asPost = r.next() < 0.5;
      const method = r.next() < 0.1 ? r.pick(['PUT', 'DELETE', 'PATCH']) : asPost ? 'POST' : 'GET';
      const status = asPost
        ? await send(
            method,
            r.next() < 0.2 ? `/?${params}` : '/',
            { 'content-type': 'application/x-www-form-urlencoded' },
            r.next() < 0.1 ? Buffer.from([0xff, 0xfe, 0x00, 0x25]) : params.toString(),
          )
        : await send(method, `/?${params.toString().replace(/%25/g, r.pick(['%25', '%']))}`, {});
      statuses.push(status);
    }
    expect(statuses.filter((s) => s >= 500 || s === 0)).toEqual([]);
    expect(new Set(statuses).size).toBeGreaterThan(1);
  });

  it('300 random OSS requests, signed or not', async () => {
    const r = random(42);
    const { bucket } = f.sandbox.descriptor.aliyun;
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const method = r.pick(['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH']);
      const key = r.pick(['a.mp4', 'sv/x/y.mp4', '%zz', '%E6%BC%A2.mp4', 'a%2Fb', '..%2F..%2Fetc']);
      const query: Record<string, string> = {};
      if (r.next() < 0.3) query.uploads = '';
      if (r.next() < 0.4)
        query.uploadId = r.pick(['', 'abc', '../x', '0123456789abcdef0123456789abcdef', r.junk()]);
      if (r.next() < 0.3) query.partNumber = r.pick(['0', '1', '10001', '-1', 'x', '1.5', r.junk()]);
      if (r.next() < 0.2) query['max-parts'] = r.junk();
      const body =
        r.next() < 0.5 ? r.pick(['<CompleteMultipartUpload><Part>', '<x/>', 'plain', r.junk()]) : undefined;
      if (r.next() < 0.5) {
        const signed = method === 'PATCH' ? 'GET' : method;
        const response = await f.ossFetch(
          signed,
          key,
          query,
          signed === 'GET' || signed === 'HEAD' ? undefined : body,
        );
        statuses.push(response.status);
        await response.arrayBuffer();
        continue;
      }
      const headers: Record<string, string> = {};
      if (r.next() < 0.6) {
        headers.authorization = r.pick([
          'OSS a:b',
          'OSS ',
          'OSS4-HMAC-SHA256 Credential=x',
          'Bearer x',
          `OSS ${ascii(r.junk())}:x`,
        ]);
      }
      if (r.next() < 0.5) headers['x-oss-date'] = r.pick(['yesterday', new Date().toUTCString(), '']);
      if (r.next() < 0.3)
        headers.range = r.pick(['bytes=', 'bytes=5-1', 'bytes=-0', 'bytes=a-b', 'items=1-2']);
      if (r.next() < 0.2) headers['content-md5'] = ascii(r.junk());
      const qs = new URLSearchParams(query).toString();
      statuses.push(
        await send(
          method,
          `/${bucket}/${key}${qs ? `?${qs}` : ''}`,
          headers,
          method === 'GET' || method === 'HEAD' ? undefined : body,
        ),
      );
    }
    expect(statuses.filter((s) => s >= 500 || s === 0)).toEqual([]);
    expect(new Set(statuses).size).toBeGreaterThan(3);
  });

  it('bucket-level operations it does not emulate answer NotImplemented explicitly', async () => {
    const listObjects = await f.ossFetch('GET', '', {});
    expect(listObjects.status).toBe(501);
    expect(await listObjects.text()).toContain('<Code>NotImplemented</Code>');
  });

  it('still serves a normal call afterwards', async () => {
    const created = await f.call<{ VideoId: string }>('CreateUploadVideo', {
      Title: 'after',
      FileName: 'a.mp4',
    });
    expect(created.VideoId).toMatch(/^[0-9a-f]{32}$/);
  });
});

/** Node refuses to send non-ASCII header values; junk headers stay printable ASCII. */
function ascii(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?');
}

function goodValue(name: (typeof RPC_PARAMS)[number]): string {
  switch (name) {
    case 'Version':
      return '2017-03-21';
    case 'SignatureMethod':
      return 'HMAC-SHA1';
    case 'SignatureVersion':
      return '1.0';
    case 'Timestamp':
      return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'AccessKeyId':
      return f.sandbox.descriptor.aliyun.accessKeyId;
    case 'SignatureNonce':
      return String(Math.random());
    case 'Signature':
      return 'c2lnbmF0dXJl';
    default:
      return 'value';
  }
}
