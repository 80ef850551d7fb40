import { type VodUploadError, type VodUploadErrorCode, vodError } from './errors.js';
import type { ProviderKey } from './provider.js';

/**
 * Codes the clouds use for an expired credential, token or signature time. Matched on the whole code
 * (or its last segment) so that e.g. Tencent's `InvalidParameterValue.ExpireTime` (a bad request
 * field) is not mistaken for an expired credential.
 * @see https://cloud.tencent.com/document/api/266/31767 (Tencent common errors: AuthFailure.SignatureExpire)
 * @see https://help.aliyun.com/zh/oss/support/0002-00000069 (OSS SecurityTokenExpired)
 */
const EXPIRED_CODES = new Set([
  'AuthFailure.SignatureExpire',
  'SecurityTokenExpired',
  'InvalidSecurityToken.Expired',
  'InvalidTimeStamp.Expired',
  'ExpiredToken',
  'RequestExpired',
  'RequestTimeTooSkewed',
]);

const THROTTLED = /^(RequestLimitExceeded|Throttling|LimitExceeded)(\.|$)/;
const UNAVAILABLE = /^(InternalError|ServiceUnavailable|InternalFailure|ServiceUnavailableTemporary)(\.|$)/;

/**
 * Turns a cloud's own error (its code, message and request id) into a `VodUploadError`: an expired
 * credential or signature time becomes `credential_expired`, throttling `rate_limited`, the cloud's
 * internal errors `cloud_unavailable`, and everything else `cloud_refused`. The cloud's code is kept
 * in `cloudCode`.
 *
 * @example
 * throw vodErrorFromCloud('tencent', 'AuthFailure.SignatureExpire', 'Signature expired', requestId);
 */
export function vodErrorFromCloud(
  provider: ProviderKey,
  cloudCode: string,
  message: string,
  requestId?: string,
): VodUploadError {
  return vodError(codeForCloudCode(cloudCode), message || cloudCode, { provider, cloudCode, requestId });
}

/** The `VodUploadErrorCode` for one cloud error code (see `vodErrorFromCloud`). */
export function codeForCloudCode(cloudCode: string): VodUploadErrorCode {
  const lastSegment = cloudCode.slice(cloudCode.lastIndexOf('.') + 1);
  if (EXPIRED_CODES.has(cloudCode) || EXPIRED_CODES.has(lastSegment)) return 'credential_expired';
  if (THROTTLED.test(cloudCode)) return 'rate_limited';
  if (UNAVAILABLE.test(cloudCode)) return 'cloud_unavailable';
  return 'cloud_refused';
}
