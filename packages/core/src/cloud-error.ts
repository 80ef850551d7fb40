import { cloudMessageOf } from './cloud-messages.js';
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

const THROTTLED = /^(RequestLimitExceeded|Throttling|LimitExceeded|SlowDown)(\.|$)/;
const UNAVAILABLE =
  /^(InternalError|ServiceUnavailable|InternalFailure|ServiceUnavailableTemporary|SignatureNonceUsed)(\.|$)/;
// Something that does not exist (a task, a video, an upload id, an object).
const NOT_FOUND =
  /^(ResourceNotFound|InvalidVideo\.NotFound|InvalidImage\.NotFound|InvalidJobId\.NotFound|NoSuchKey|NoSuchUpload|NotFound)(\.|$)/;
// The request itself was refused: the caller may fix it.
const REFUSED =
  /^(InvalidParameterValue|InvalidParameter|MissingParameter|UnknownParameter|FailedOperation|InvalidVideo|InvalidImage|InvalidFileName|InvalidArgument|InvalidPart|InvalidPartOrder|EntityTooSmall|EntityTooLarge|ResourceInUse|ResourceUnavailable)(\.|$)/;

/**
 * Legacy v2 Tencent numeric `code`s without an entry of their own in the seed table: 4000–7999 are
 * the common refusals, 32000 and up internal errors.
 * @see https://cloud.tencent.com/document/api/213/6982 (legacy v2 common error codes)
 */
function codeForTencentV2(code: number): VodUploadErrorCode | undefined {
  if (code >= 32000) return 'cloud_unavailable';
  if (code >= 4000 && code < 8000) return 'cloud_refused';
  return undefined;
}

/**
 * Turns a cloud's own error (its code, message and request id) into a `VodUploadError`: an expired
 * credential or signature time becomes `credential_expired`, throttling `rate_limited`, the cloud's
 * internal errors `cloud_unavailable`, a missing resource `not_found`, and everything else
 * `cloud_refused`; the codes the seed APIs document go by their own table (`cloud-messages.ts`). The cloud's code is kept
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
  return vodError(codeForCloudCode(cloudCode, provider), message || cloudCode, {
    provider,
    cloudCode,
    requestId,
  });
}

/**
 * The `VodUploadErrorCode` for one cloud error code (see `vodErrorFromCloud`); a code nothing
 * classifies is a refusal.
 */
export function codeForCloudCode(cloudCode: string, provider?: ProviderKey): VodUploadErrorCode {
  return knownCodeForCloudCode(cloudCode, provider) ?? 'cloud_refused';
}

/**
 * The one classification of cloud codes: the seed table (`cloudMessageOf`, per provider) first, then
 * the codes' families. `undefined` for a code it does not know, so that a caller with more context
 * (the server has the HTTP status) can decide.
 */
export function knownCodeForCloudCode(
  cloudCode: string,
  provider?: ProviderKey,
): VodUploadErrorCode | undefined {
  const seed = cloudMessageOf(provider, cloudCode);
  if (seed) return seed.errorCode;
  if (/^\d+$/.test(cloudCode))
    return provider === 'tencent' || !provider ? codeForTencentV2(Number(cloudCode)) : undefined;
  const lastSegment = cloudCode.slice(cloudCode.lastIndexOf('.') + 1);
  if (EXPIRED_CODES.has(cloudCode) || EXPIRED_CODES.has(lastSegment)) return 'credential_expired';
  if (THROTTLED.test(cloudCode)) return 'rate_limited';
  if (UNAVAILABLE.test(cloudCode)) return 'cloud_unavailable';
  if (NOT_FOUND.test(cloudCode)) return 'not_found';
  if (REFUSED.test(cloudCode)) return 'cloud_refused';
  return undefined;
}
