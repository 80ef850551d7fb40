import {
  knownCodeForCloudCode,
  type VodUploadError,
  type VodUploadErrorCode,
  vodError,
} from '@vod-uploader/core';
import type { CloudCallError } from './cloud-call-error.js';

/**
 * The server's own rule on top of core's one classification (`knownCodeForCloudCode`): a refusal of
 * *our own* key, signature, clock or permissions is a server misconfiguration, not the client's
 * fault, so it becomes `internal` with a safe message.
 * @see https://cloud.tencent.com/document/api/266/31757 (Tencent VOD error codes)
 * @see https://help.aliyun.com/zh/vod/developer-reference/error-codes (ApsaraVideo VOD error codes)
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (S3 error codes)
 */
const OUR_KEY_REFUSED =
  /^(AuthFailure|UnauthorizedOperation|OperationDenied|InvalidAccessKeyId|InvalidAccessKeySecret|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|Forbidden|AccessDenied|InvalidTimeStamp)(\.|$)/;

/** Legacy v2 Tencent: 4100–4104 authentication (our key); 4500/4600/4700 signature, HTTPS, permission. */
function isOurV2KeyRefused(code: number): boolean {
  return (code >= 4100 && code <= 4104) || code === 4500 || code === 4600 || code === 4700;
}

const SAFE_MESSAGES: Partial<Record<VodUploadErrorCode, string>> = {
  internal: 'The server could not use its cloud account (server misconfiguration). Please try again later.',
  cloud_unavailable: 'The video cloud is unreachable or failing. Please try again later.',
};

/**
 * Turns a failed cloud call into the error the client sees. Unknown codes go by the HTTP status:
 * a 5xx is an outage, anything else a refusal. No code and no status means the call never got an
 * answer (network), also an outage.
 */
export function mapCloudError(error: CloudCallError): VodUploadError {
  const { cloudCode, requestId } = error.details;
  const code = classify(error);
  const message =
    SAFE_MESSAGES[code] ??
    (code === 'not_found' && !cloudCode ? 'Not found.' : error.message || 'The cloud refused the request.');
  const options = { provider: error.provider, cloudCode, requestId, cause: error };
  // Which of our credentials failed is for the server's logs (onError), not for the client.
  if (code === 'internal') return vodError(code, message, { ...options, cloudCode: undefined });
  return vodError(code, message, options);
}

function classify(error: CloudCallError): VodUploadErrorCode {
  const { cloudCode, httpStatus } = error.details;
  if (cloudCode) {
    if (/^\d+$/.test(cloudCode) ? isOurV2KeyRefused(Number(cloudCode)) : OUR_KEY_REFUSED.test(cloudCode))
      return 'internal';
    const known = knownCodeForCloudCode(cloudCode, error.provider);
    if (known) return known;
  }
  if (httpStatus === undefined || httpStatus >= 500) return 'cloud_unavailable';
  if (httpStatus === 404) return 'not_found';
  if (httpStatus === 401 || httpStatus === 403) return 'internal';
  return 'cloud_refused';
}
