import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  ossV4CanonicalRequest,
  ossV4StringToSign,
  parseOssV4Authorization,
  verifyOssV4Signature,
} from './oss-sign-v4.js';

// ali-oss's own V4 signer, as the oracle.
const signUtils = createRequire(import.meta.url)('ali-oss/lib/common/signUtils.js') as {
  authorizationV4(
    id: string,
    secret: string,
    region: string,
    method: string,
    request: { headers: Record<string, string>; queries: Record<string, string | null> },
    bucket: string,
    object: string,
    additionalHeaders?: string[],
  ): string;
};

describe('OSS signature V4', () => {
  const headers = {
    'x-oss-date': '20261122T003000Z',
    'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
    'x-oss-security-token': 'tok',
    'Content-Type': 'video/mp4',
    host: 'ignored',
  };
  const cases: Array<[string, Record<string, string | null>, Record<string, string>, string[]]> = [
    ['POST', { uploads: null }, { uploads: '' }, []],
    ['PUT', { partNumber: '3', uploadId: 'abc' }, { partNumber: '3', uploadId: 'abc' }, []],
    ['GET', { 'max-parts': '10', uploadId: 'a b' }, { 'max-parts': '10', uploadId: 'a b' }, ['host']],
  ];
  for (const [method, queries, wire, additional] of cases) {
    it(`agrees with ali-oss on ${method} ?${Object.keys(wire).join('&')}`, () => {
      const header = signUtils.authorizationV4(
        'STS.id',
        'secret',
        'cn-shanghai',
        method,
        { headers, queries },
        'outin-sandbox',
        'sv/a b/c.mp4',
        additional,
      );
      const auth = parseOssV4Authorization(header);
      expect(auth).toMatchObject({
        accessKeyId: 'STS.id',
        date: '20261122',
        region: 'cn-shanghai',
        product: 'oss',
      });
      const canonical = ossV4CanonicalRequest({
        method,
        resourcePath: '/outin-sandbox/sv/a b/c.mp4',
        query: new URLSearchParams(wire),
        headers,
        additionalHeaders: auth!.additionalHeaders,
      });
      const stringToSign = ossV4StringToSign(headers['x-oss-date'], 'cn-shanghai', 'oss', canonical);
      expect(verifyOssV4Signature('secret', auth!, stringToSign)).toBe(true);
      expect(verifyOssV4Signature('other', auth!, stringToSign)).toBe(false);
    });
  }

  it('refuses headers of another shape', () => {
    expect(parseOssV4Authorization('OSS a:b')).toBeUndefined();
    expect(parseOssV4Authorization('OSS4-HMAC-SHA256 Credential=a/b/c,Signature=00')).toBeUndefined();
  });
});
