import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ossSignature, ossStringToSign, parseOssAuthorization, verifyOssSignature } from './oss-sign.js';

// ali-oss's own signer, as the oracle: the sandbox must agree with the SDK byte for byte.
const signUtils = createRequire(import.meta.url)('ali-oss/lib/common/signUtils.js') as {
  buildCanonicalString(
    method: string,
    resource: string,
    request: { headers: object; parameters?: unknown },
  ): string;
  authorization(id: string, secret: string, stringToSign: string): string;
};

describe('OSS signature V1', () => {
  it('builds the documented StringToSign', () => {
    const sts = ossStringToSign({
      method: 'PUT',
      contentMd5: 'ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=',
      contentType: 'text/html',
      date: 'Thu, 17 Nov 2005 18:49:58 GMT',
      headers: { 'X-OSS-Meta-Author': 'foo@example.com', 'X-OSS-Magic': 'abracadabra', Host: 'x' },
      resourcePath: '/oss-example/nelson',
      query: new URLSearchParams(),
    });
    expect(sts).toBe(
      'PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\nx-oss-magic:abracadabra\nx-oss-meta-author:foo@example.com\n/oss-example/nelson',
    );
    expect(`OSS id:${ossSignature('secret', sts)}`).toBe(signUtils.authorization('id', 'secret', sts));
  });

  it('agrees with ali-oss on sub-resources and x-oss-date', () => {
    const headers = {
      'x-oss-date': 'Sun, 22 Nov 2026 00:00:00 GMT',
      'x-oss-security-token': 'tok',
      'Content-Type': 'video/mp4',
    };
    const cases: Array<[string, Record<string, string>, Record<string, string | null>]> = [
      ['POST', { uploads: '' }, { uploads: null }],
      ['PUT', { partNumber: '2', uploadId: 'abc' }, { partNumber: '2', uploadId: 'abc' }],
      ['GET', { 'max-parts': '10', uploadId: 'abc' }, { uploadId: 'abc' }],
    ];
    for (const [method, query, subres] of cases) {
      const ours = ossStringToSign({
        method,
        contentMd5: '',
        contentType: 'video/mp4',
        date: headers['x-oss-date'],
        headers,
        resourcePath: '/outin-sandbox/sv/a b/c.mp4',
        query: new URLSearchParams(query),
      });
      const theirs = signUtils.buildCanonicalString(method, '/outin-sandbox/sv/a b/c.mp4', {
        headers,
        parameters: subres,
      });
      expect(ours).toBe(theirs);
    }
  });

  it('parses the Authorization header and compares signatures', () => {
    expect(parseOssAuthorization('OSS STS.ab:c/d+e=')).toEqual({
      accessKeyId: 'STS.ab',
      signature: 'c/d+e=',
    });
    expect(parseOssAuthorization('OSS4-HMAC-SHA256 Credential=x')).toBeUndefined();
    const sig = ossSignature('s', 'x');
    expect(verifyOssSignature('s', 'x', sig)).toBe(true);
    expect(verifyOssSignature('s', 'y', sig)).toBe(false);
  });
});
