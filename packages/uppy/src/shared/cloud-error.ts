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

/**
 * Turns an object store's HTTP failure into the library's error: `credential_expired` for an expired
 * credential, `cloud_unavailable` (retryable) for 5xx/429/408, `cloud_refused` for the rest.
 */
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
  const options = {
    provider,
    cloudCode: parsed.code,
    requestId: parsed.requestId,
    cause: { status, body: body.slice(0, 2000) },
  };
  const detail = parsed.code
    ? `${parsed.code}${parsed.message ? `: ${parsed.message}` : ''}`
    : `HTTP ${status}`;
  if (expired) {
    return vodError(
      'credential_expired',
      `${what} was refused: the upload credential has expired (${detail}).`,
      {
        ...options,
        retryable: false,
      },
    );
  }
  if (isRetryableStatus(status)) {
    return vodError(
      status === 429 ? 'rate_limited' : 'cloud_unavailable',
      `${what} failed (${detail}).`,
      options,
    );
  }
  return vodError('cloud_refused', `${what} was refused (${detail}).`, options);
}

/** The HTTP status an error carried, when it came from {@link cloudHttpError} or the transport. */
export function httpStatusOfError(error: unknown): number | undefined {
  const cause = (error as { cause?: { status?: unknown } } | undefined)?.cause;
  return typeof cause?.status === 'number' ? cause.status : undefined;
}
