import {
  codeForCloudCode,
  isRetryableStatus,
  type ProviderKey,
  type VodUploadError,
  vodError,
} from '@vod-uploader/core';

/**
 * Besides the codes core knows (`codeForCloudCode`), an object store answers 403 `AccessDenied` with
 * "Request has expired" (S3, a stale presigned URL) or "expired" in the message (COS).
 * @see https://cloud.tencent.com/document/product/436/7730
 */
const EXPIRED_MESSAGE = /expired/i;

/** What an object store answered with, in the cloud's XML error form. */
export interface CloudErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
}

/** Reads `<Code>`, `<Message>` and `<RequestId>` from an XML error body (without a DOM parser). */
export function parseCloudErrorBody(body: string): CloudErrorBody {
  const pick = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(body)?.[1];
  return { code: pick('Code'), message: pick('Message'), requestId: pick('RequestId') };
}

/** An object store's failure, however the SDK or the transport reported it. */
export interface CloudFailure extends CloudErrorBody {
  /** HTTP status; 0 when no answer came (network). */
  status: number;
  /** Whether the cloud said the credential expired (each cloud spells it its own way). */
  expired: boolean;
  cause: unknown;
}

/**
 * Turns an object store's failure into the library's error: `credential_expired` for an expired
 * credential, `not_found` for a multipart upload that is gone, `network` when no answer came,
 * `rate_limited` / `cloud_unavailable` (retryable) for 429 / 408 / 5xx, `cloud_refused` for the rest.
 */
export function cloudError(provider: ProviderKey, what: string, failure: CloudFailure): VodUploadError {
  const { status, code, message } = failure;
  const options = { provider, cloudCode: code, requestId: failure.requestId, cause: failure.cause };
  const detail = `${code ?? `HTTP ${status}`}${message ? `: ${message}` : ''}`;
  if (failure.expired) {
    return vodError(
      'credential_expired',
      `${what} was refused: the upload credential has expired (${detail}).`,
      {
        ...options,
        retryable: false,
      },
    );
  }
  if (code === 'NoSuchUpload')
    return vodError('not_found', `${what} failed: the upload is gone (${detail}).`, options);
  if (status === 0) return vodError('network', `${what} failed (${detail}).`, options);
  if (isRetryableStatus(status)) {
    return vodError(
      status === 429 ? 'rate_limited' : 'cloud_unavailable',
      `${what} failed (${detail}).`,
      options,
    );
  }
  return vodError('cloud_refused', `${what} was refused (${detail}).`, options);
}

/** {@link cloudError} for a raw HTTP answer whose body is the cloud's XML error. */
export function cloudHttpError(
  provider: ProviderKey,
  status: number,
  body: string,
  what: string,
): VodUploadError {
  const parsed = parseCloudErrorBody(body);
  const expired =
    (parsed.code !== undefined && codeForCloudCode(parsed.code) === 'credential_expired') ||
    (status === 403 && EXPIRED_MESSAGE.test(parsed.message ?? ''));
  return cloudError(provider, what, {
    ...parsed,
    status,
    expired,
    cause: { status, body: body.slice(0, 2000) },
  });
}
