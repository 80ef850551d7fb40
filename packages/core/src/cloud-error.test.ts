import { describe, expect, it } from 'vitest';
import { codeForCloudCode, VodCredentialError, vodErrorFromCloud } from './index.js';

describe('codeForCloudCode', () => {
  it.each([
    ['AuthFailure.SignatureExpire', 'credential_expired'],
    ['SecurityTokenExpired', 'credential_expired'],
    ['InvalidSecurityToken.Expired', 'credential_expired'],
    ['ExpiredToken', 'credential_expired'],
    ['RequestTimeTooSkewed', 'credential_expired'],
    ['InvalidParameterValue.ExpireTime', 'cloud_refused'],
    ['InvalidParameter.ExpireTime', 'cloud_refused'],
    ['AuthFailure.SignatureFailure', 'cloud_refused'],
    ['RequestLimitExceeded', 'rate_limited'],
    ['Throttling.User', 'rate_limited'],
    ['InternalError', 'cloud_unavailable'],
    ['ServiceUnavailable', 'cloud_unavailable'],
    ['FailedOperation', 'cloud_refused'],
  ])('%s → %s', (cloudCode, code) => {
    expect(codeForCloudCode(cloudCode)).toBe(code);
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
