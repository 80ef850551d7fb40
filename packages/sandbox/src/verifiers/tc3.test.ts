import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { type Tc3Request, utcDate, verifyTc3 } from './tc3.js';

// The official SDK's signer is the reference the verifier must agree with (tests only: the
// sandbox itself never imports client signing code).
const require = createRequire(import.meta.url);
const Sign = (
  require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as {
    default: { sign3(input: Record<string, unknown>): string };
  }
).default;

const secretId = 'AKIDtest';
const secretKey = 'topsecret';
const now = 1_763_769_600;

function signed(overrides: { timestamp?: number; key?: string; service?: string; payload?: object } = {}) {
  const timestamp = overrides.timestamp ?? now;
  const payload = overrides.payload ?? { MediaType: 'mp4' };
  const authorization = Sign.sign3({
    method: 'POST',
    url: 'http://127.0.0.1:4567/',
    payload,
    timestamp,
    service: overrides.service ?? '127',
    secretId,
    secretKey: overrides.key ?? secretKey,
    headers: { 'Content-Type': 'application/json' },
  });
  const request: Tc3Request = {
    method: 'POST',
    path: '/',
    query: '',
    headers: {
      authorization,
      'content-type': 'application/json',
      host: '127.0.0.1:4567',
      'x-tc-timestamp': String(timestamp),
    },
    body: Buffer.from(JSON.stringify(payload)),
  };
  return request;
}

const options = {
  secretKeyOf: (id: string) => (id === secretId ? secretKey : undefined),
  nowSeconds: now,
  windowSeconds: 300,
  services: ['vod', '127'],
};

describe('verifyTc3', () => {
  it('accepts what tencentcloud-sdk-nodejs-common signs (host without port, service "127")', () => {
    expect(verifyTc3(signed(), options)).toEqual({ ok: true, secretId, service: '127', timestamp: now });
  });

  it('refuses a signature made with another key', () => {
    expect(verifyTc3(signed({ key: 'wrong' }), options)).toMatchObject({
      ok: false,
      code: 'AuthFailure.SignatureFailure',
    });
  });

  it('refuses a body changed after signing', () => {
    const request = signed();
    request.body = Buffer.from(JSON.stringify({ MediaType: 'mov' }));
    expect(verifyTc3(request, options)).toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  it('refuses a timestamp outside the window', () => {
    expect(verifyTc3(signed({ timestamp: now - 301 }), options)).toMatchObject({
      code: 'AuthFailure.SignatureExpire',
    });
    expect(verifyTc3(signed({ timestamp: now + 299 }), options)).toMatchObject({ ok: true });
  });

  it('refuses an unknown SecretId, a foreign service and a malformed header', () => {
    expect(verifyTc3(signed(), { ...options, secretKeyOf: () => undefined })).toMatchObject({
      code: 'AuthFailure.SecretIdNotFound',
    });
    expect(verifyTc3(signed({ service: 'cvm' }), options)).toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
    const request = signed();
    request.headers.authorization = 'TC3-HMAC-SHA256 Credential=x';
    expect(verifyTc3(request, options)).toMatchObject({ code: 'AuthFailure.InvalidAuthorization' });
    delete request.headers['x-tc-timestamp'];
    request.headers.authorization = signed().headers.authorization;
    expect(verifyTc3(request, options)).toMatchObject({ code: 'MissingParameter' });
  });

  it('formats the scope date in UTC', () => {
    expect(utcDate(0)).toBe('1970-01-01');
    expect(utcDate(now)).toBe('2025-11-22');
  });
});
