import { describe, expect, it } from 'vitest';
import { DOCUMENTED, type Documented } from '../tests/fixtures/documented-cloud-codes.js';
import {
  classifyCloudError,
  codeForCloudCode,
  listedCloudCodes,
  type ProviderKey,
  VodCredentialError,
  type VodUploadErrorCode,
  vodErrorFromCloud,
  wordedCloudCodes,
} from './index.js';

describe('the one cloud-error table', () => {
  for (const [provider, rows] of Object.entries(DOCUMENTED) as Array<[ProviderKey, Documented[]]>) {
    it.each(rows)(`${provider} %s → %s`, (cloudCode, code, flag) => {
      expect(classifyCloudError({ provider, cloudCode, httpStatus: 400 })).toEqual({
        code,
        ownKeyRefused: flag === 'own key',
        ...(flag === 'digest' ? { digestRefused: true } : {}),
        ...(flag === 'key taken' ? { keyTaken: true } : {}),
      });
    });

    it(`lists exactly the ${provider} codes documented here, and every worded code`, () => {
      const documented = new Set(rows.map(([cloudCode]) => cloudCode));
      expect([...listedCloudCodes(provider)].sort()).toEqual([...documented].sort());
      const unlisted = wordedCloudCodes(provider).filter((cloudCode) => !documented.has(cloudCode));
      expect(unlisted).toEqual([]);
    });
  }

  it('resolves the disagreements of the three former tables (issue #14)', () => {
    const tencent = (cloudCode: string) =>
      classifyCloudError({ provider: 'tencent', cloudCode, httpStatus: 200 });
    expect(tencent('RequestLimitExceeded').code).toBe('rate_limited');
    expect(tencent('RequestLimitExceeded.UinLimitExceeded').code).toBe('rate_limited');
    expect(tencent('LimitExceeded').code).toBe('cloud_refused');
    expect(tencent('LimitExceeded.Quota').code).toBe('cloud_refused');
    expect(tencent('4400').code).toBe('cloud_refused');
    expect(tencent('32005').code).toBe('cloud_unavailable');
    expect(tencent('4999').code).toBe('cloud_refused');
  });

  it('reads a code by its family when it has no row of its own', () => {
    expect(codeForCloudCode('InvalidParameterValue.SomethingNew', 'tencent')).toBe('cloud_refused');
    expect(codeForCloudCode('ResourceNotFound.SomethingNew', 'tencent')).toBe('not_found');
    expect(classifyCloudError({ provider: 'tencent', cloudCode: 'AuthFailure.New' }).ownKeyRefused).toBe(
      true,
    );
    expect(codeForCloudCode('Throttling.New', 'aliyun')).toBe('rate_limited');
    // The family is the part before the first dot, never a last segment.
    expect(codeForCloudCode('InvalidParameterValue.ExpireTime', 'tencent')).toBe('cloud_refused');
  });

  it('reads an object store 403 that says "expired" as an expired credential, whatever its code', () => {
    expect(
      classifyCloudError({
        provider: 's3',
        cloudCode: 'AccessDenied',
        httpStatus: 403,
        message: 'Request has expired',
      }),
    ).toEqual({ code: 'credential_expired', ownKeyRefused: true });
    expect(classifyCloudError({ provider: 's3', cloudCode: 'AccessDenied', httpStatus: 403 }).code).toBe(
      'cloud_refused',
    );
  });

  it.each<[number | undefined, VodUploadErrorCode, boolean]>([
    [undefined, 'cloud_unavailable', false],
    [429, 'rate_limited', false],
    [408, 'cloud_unavailable', false],
    [503, 'cloud_unavailable', false],
    [404, 'not_found', false],
    [401, 'cloud_refused', true],
    [403, 'cloud_refused', true],
    [400, 'cloud_refused', false],
  ])('goes by the HTTP status %s for a code it does not list → %s', (httpStatus, code, ownKeyRefused) => {
    const facts = httpStatus === undefined ? {} : { cloudCode: 'SomethingNew', httpStatus };
    expect(classifyCloudError({ provider: 'tencent', ...facts })).toEqual({ code, ownKeyRefused });
  });

  it('reads an unlisted code of an answered call (no status given) as a refusal', () => {
    expect(codeForCloudCode('SomethingNew', 'aliyun')).toBe('cloud_refused');
  });
});

describe('vodErrorFromCloud', () => {
  it('keeps provider, cloud code, request id and picks the subclass', () => {
    const error = vodErrorFromCloud('tencent', 'AuthFailure.SignatureExpire', 'Signature expired', 'req');
    expect(error).toBeInstanceOf(VodCredentialError);
    expect(error.toJSON()).toEqual({
      code: 'credential_expired',
      message: 'Signature expired',
      provider: 'tencent',
      cloudCode: 'AuthFailure.SignatureExpire',
      requestId: 'req',
      retryable: true,
    });
  });

  it('uses the cloud code as message when the cloud gives none', () => {
    expect(vodErrorFromCloud('aliyun', 'Forbidden', '').message).toBe('Forbidden');
  });
});
