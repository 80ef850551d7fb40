import { describe, expect, it } from 'vitest';
import {
  expectedSignature,
  parseSigV4,
  SigV4FormatError,
  type SigV4Request,
  signatureMatches,
} from './sigv4.js';

// The worked examples of the S3 SigV4 docs (account AKIAIOSFODNN7EXAMPLE).
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SCOPE = 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';
const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function headerRequest(signature: string): SigV4Request {
  return {
    method: 'GET',
    rawPath: '/test.txt',
    query: [],
    headers: {
      host: 'examplebucket.s3.amazonaws.com',
      range: 'bytes=0-9',
      'x-amz-content-sha256': EMPTY_SHA,
      'x-amz-date': '20130524T000000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=${signature}`,
    },
  };
}

describe('sigv4', () => {
  it('verifies the documented GET Object example', () => {
    const request = headerRequest('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    const claim = parseSigV4(request);
    expect(claim?.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(claim && signatureMatches(request, claim, SECRET)).toBe(true);
    expect(claim && signatureMatches(request, claim, `${SECRET}x`)).toBe(false);
  });

  it('verifies the documented PUT Object example (a "$" in the key)', () => {
    const request: SigV4Request = {
      method: 'PUT',
      rawPath: '/test%24file.text',
      query: [],
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
        'x-amz-date': '20130524T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd`,
      },
    };
    const claim = parseSigV4(request);
    expect(claim && expectedSignature(request, claim, SECRET)).toBe(
      '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('verifies the documented presigned URL example', () => {
    const request: SigV4Request = {
      method: 'GET',
      rawPath: '/test.txt',
      query: [
        ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
        ['X-Amz-Credential', SCOPE],
        ['X-Amz-Date', '20130524T000000Z'],
        ['X-Amz-Expires', '86400'],
        ['X-Amz-SignedHeaders', 'host'],
        ['X-Amz-Signature', 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404'],
      ],
      headers: { host: 'examplebucket.s3.amazonaws.com' },
    };
    const claim = parseSigV4(request);
    expect(claim).toMatchObject({ presigned: true, expiresSeconds: 86400, payloadHash: 'UNSIGNED-PAYLOAD' });
    expect(claim && signatureMatches(request, claim, SECRET)).toBe(true);
  });

  it('returns undefined for an anonymous request and refuses malformed claims', () => {
    expect(parseSigV4({ method: 'GET', rawPath: '/', query: [], headers: {} })).toBeUndefined();
    const broken = headerRequest('abc');
    broken.headers.authorization =
      'AWS4-HMAC-SHA256 Credential=AKIA/2013/us-east-1/s3/aws4_request,SignedHeaders=host,Signature=a';
    expect(() => parseSigV4(broken)).toThrow(SigV4FormatError);
    const v2 = headerRequest('abc');
    v2.headers.authorization = 'AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=';
    expect(() => parseSigV4(v2)).toThrow(/AWS4-HMAC-SHA256/);
    const expires: SigV4Request = {
      method: 'GET',
      rawPath: '/x',
      query: [
        ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
        ['X-Amz-Credential', SCOPE],
        ['X-Amz-Date', '20130524T000000Z'],
        ['X-Amz-Expires', '604801'],
        ['X-Amz-SignedHeaders', 'host'],
        ['X-Amz-Signature', 'a'],
      ],
      headers: {},
    };
    expect(() => parseSigV4(expires)).toThrow(/604800/);
  });
});
