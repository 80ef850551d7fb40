import COS from 'cos-nodejs-sdk-v5';
import { describe, expect, it } from 'vitest';
import { camSafeUrlEncode, parseCosAuthorization, verifyCosSignature } from './cos-sign.js';

// cos-nodejs-sdk-v5's own signer is the reference (tests only).
function sdkSign(overrides: { key?: string; query?: Record<string, string> } = {}) {
  return COS.getAuthorization({
    SecretId: 'AKIDtmp',
    SecretKey: overrides.key ?? 'tmpsecret',
    Method: 'PUT',
    Pathname: '/dir/f0 (1).mp4',
    Query: overrides.query ?? { partNumber: '2', uploadId: 'abc123' },
    Headers: { Host: '127.0.0.1:9000', 'Content-Type': 'video/mp4', 'x-cos-security-token': 't0k' },
  });
}

const request = {
  method: 'PUT',
  pathname: '/dir/f0 (1).mp4',
  query: Object.entries({ partNumber: '2', uploadId: 'abc123' }),
  headers: { host: '127.0.0.1:9000', 'content-type': 'video/mp4', 'x-cos-security-token': 't0k' },
};

describe('verifyCosSignature', () => {
  it('accepts what cos-nodejs-sdk-v5 signs (params and headers lower-cased, sorted)', () => {
    const auth = parseCosAuthorization(sdkSign());
    expect(auth?.headerList).toEqual(['content-type', 'host', 'x-cos-security-token']);
    expect(auth?.urlParamList).toEqual(['partnumber', 'uploadid']);
    expect(auth && verifyCosSignature(auth, request, 'tmpsecret')).toBe(true);
  });

  it('refuses another secret, another path, another signed header value', () => {
    const auth = parseCosAuthorization(sdkSign({ key: 'other' }));
    expect(auth && verifyCosSignature(auth, request, 'tmpsecret')).toBe(false);
    const good = parseCosAuthorization(sdkSign());
    expect(good && verifyCosSignature(good, { ...request, pathname: '/dir/other.mp4' }, 'tmpsecret')).toBe(
      false,
    );
    expect(
      good &&
        verifyCosSignature(
          good,
          { ...request, headers: { ...request.headers, 'x-cos-security-token': 'forged' } },
          'tmpsecret',
        ),
    ).toBe(false);
  });

  it('ignores unsigned query parameters, as COS does', () => {
    const auth = parseCosAuthorization(sdkSign());
    const extra = { ...request, query: [...request.query, ['x-unsigned', '1'] as [string, string]] };
    expect(auth && verifyCosSignature(auth, extra, 'tmpsecret')).toBe(true);
  });

  it('rejects malformed Authorization values', () => {
    expect(parseCosAuthorization('q-sign-algorithm=sha1&q-ak=x')).toBeUndefined();
    expect(
      parseCosAuthorization(sdkSign().replace(/q-signature=[0-9a-f]+/, 'q-signature=zz')),
    ).toBeUndefined();
  });

  it('encodes like camSafeUrlEncode', () => {
    expect(camSafeUrlEncode("a b!'()*/")).toBe('a%20b%21%27%28%29%2A%2F');
  });
});
