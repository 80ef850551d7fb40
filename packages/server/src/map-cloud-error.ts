import { type VodUploadError, type VodUploadErrorCode, vodError } from '@vod-uploader/core';
import type { CloudCallError } from './cloud-call-error.js';

/**
 * The one table from cloud error codes to our codes, first match wins. A refusal of *our own* key
 * is a server misconfiguration, not the client's fault: it becomes `internal` with a safe message.
 * @see https://cloud.tencent.com/document/api/266/31757 (Tencent VOD error codes)
 * @see https://help.aliyun.com/zh/vod/developer-reference/error-codes (ApsaraVideo VOD error codes)
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (S3 error codes)
 */
const CLOUD_CODE_TABLE: ReadonlyArray<readonly [RegExp, VodUploadErrorCode]> = [
  // Our key, signature or permissions: Tencent, Alibaba, S3.
  [/^(AuthFailure|UnauthorizedOperation|OperationDenied)(\.|$)/, 'internal'],
  [
    /^(InvalidAccessKeyId|InvalidAccessKeySecret|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|Forbidden|AccessDenied|InvalidTimeStamp)(\.|$)/,
    'internal',
  ],
  // Something that does not exist (a task, a video, an upload id, an object).
  [
    /^(ResourceNotFound|InvalidVideo\.NotFound|InvalidImage\.NotFound|InvalidJobId\.NotFound|NoSuchKey|NoSuchUpload|NotFound)(\.|$)/,
    'not_found',
  ],
  // Outages and throttling of our account: try again later.
  [
    /^(InternalError|ServiceUnavailable|ServiceUnavailableTemporary|RequestLimitExceeded|Throttling|SlowDown|InternalFailure|SignatureNonceUsed)(\.|$)/,
    'cloud_unavailable',
  ],
  // The request itself was refused: the client may fix it.
  [
    /^(InvalidParameterValue|InvalidParameter|MissingParameter|UnknownParameter|FailedOperation|InvalidVideo|InvalidImage|InvalidFileName|InvalidArgument|InvalidPart|InvalidPartOrder|EntityTooSmall|EntityTooLarge|LimitExceeded|ResourceInUse|ResourceUnavailable)(\.|$)/,
    'cloud_refused',
  ],
];

/** Legacy v2 Tencent numeric codes (`code` of the v2 JSON). */
const TENCENT_V2_CODE_TABLE: ReadonlyArray<readonly [(code: number) => boolean, VodUploadErrorCode]> = [
  // 4100-4104: authentication (our key); 4500/4600/4700: signature, HTTPS, permission.
  [(c) => (c >= 4100 && c <= 4104) || c === 4500 || c === 4600 || c === 4700, 'internal'],
  [(c) => c === 4400 || c >= 32000, 'cloud_unavailable'],
  [(c) => c >= 4000 && c < 8000, 'cloud_refused'],
];

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
    if (/^\d+$/.test(cloudCode)) {
      const numeric = Number(cloudCode);
      for (const [test, code] of TENCENT_V2_CODE_TABLE) if (test(numeric)) return code;
    }
    for (const [pattern, code] of CLOUD_CODE_TABLE) if (pattern.test(cloudCode)) return code;
  }
  if (httpStatus === undefined || httpStatus >= 500) return 'cloud_unavailable';
  if (httpStatus === 404) return 'not_found';
  if (httpStatus === 401 || httpStatus === 403) return 'internal';
  return 'cloud_refused';
}
