import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { v2Signature, verifyV2Signature } from './v2-signature.js';

// The parameters as the API reads them from a request's query (v2-api.ts), in the order sent.
const params = new Map(
  new URLSearchParams(
    'Action=ApplyUpload&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA' +
      '&Timestamp=1465185768&videoType=mp4&coverType=jpg&Signature=ignored',
  ),
);

describe('legacy v2 signature', () => {
  it('signs METHOD + host + path + ? + sorted raw pairs, leaving Signature out', () => {
    const plain =
      'GETvod.api.qcloud.com/v2/index.php?Action=ApplyUpload&Nonce=11886&Region=gz' +
      '&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&coverType=jpg&videoType=mp4';
    const expected = createHmac('sha1', 'secret').update(plain).digest('base64');
    const input = {
      method: 'GET',
      path: '/v2/index.php',
      params,
      secretKey: 'secret',
      signatureMethod: 'HmacSHA1' as const,
    };
    expect(v2Signature({ ...input, host: 'vod.api.qcloud.com' })).toBe(expected);
    expect(verifyV2Signature(expected, ['127.0.0.1:80', 'vod.api.qcloud.com'], input)).toBe(true);
    expect(verifyV2Signature(expected, ['127.0.0.1:80'], input)).toBe(false);
    expect(verifyV2Signature(expected, ['vod.api.qcloud.com'], { ...input, method: 'POST' })).toBe(false);
  });

  it('supports HmacSHA256 and writes "_" in names as "."', () => {
    const underscored = new Map([['a_b', '1']]);
    const expected = createHmac('sha256', 'k').update('GEThost/v2/index.php?a.b=1').digest('base64');
    expect(
      v2Signature({
        method: 'get',
        host: 'host',
        path: '/v2/index.php',
        params: underscored,
        secretKey: 'k',
        signatureMethod: 'HmacSHA256',
      }),
    ).toBe(expected);
    expect(
      verifyV2Signature('not base64 at all', ['host'], {
        method: 'GET',
        path: '/v2/index.php',
        params: underscored,
        secretKey: 'k',
        signatureMethod: 'HmacSHA256',
      }),
    ).toBe(false);
  });

  it('compares the signature as sent: lenient base64 spellings of the right one do not match', () => {
    const input = {
      method: 'GET',
      path: '/v2/index.php',
      params,
      secretKey: 'secret',
      signatureMethod: 'HmacSHA1' as const,
    };
    const right = v2Signature({ ...input, host: 'vod.api.qcloud.com' });
    expect(verifyV2Signature(right, ['vod.api.qcloud.com'], input)).toBe(true);
    for (const variant of [
      `${right}!!!`,
      right.replace(/=+$/, ''),
      `${right.slice(0, 5)} ${right.slice(5)}`,
      Buffer.from(right, 'base64').toString('base64url'),
    ]) {
      expect(verifyV2Signature(variant, ['vod.api.qcloud.com'], input)).toBe(false);
    }
  });
});
