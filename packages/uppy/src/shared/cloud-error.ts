import {
  classifyCloudError,
  isVodUploadError,
  type ProviderKey,
  type VodUploadError,
  vodError,
} from '@vod-uploader/core';

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
  cause: unknown;
}

/**
 * Turns an object store's failure into the library's error by core's one table
 * (`classifyCloudError`): `credential_expired` for an expired credential, `not_found` for a multipart
 * upload that is gone, `network` when no answer came or a stalled body was closed (the browser's own
 * connection), `rate_limited` /
 * `cloud_unavailable` (retryable) for throttling and outages, `cloud_refused` for the rest.
 */
export function cloudError(provider: ProviderKey, what: string, failure: CloudFailure): VodUploadError {
  const { status, code, message } = failure;
  const options = { provider, cloudCode: code, requestId: failure.requestId, cause: failure.cause };
  const detail = `${code ?? `HTTP ${status}`}${message ? `: ${message}` : ''}`;
  const classified = classifyCloudError({
    provider,
    ...(code ? { cloudCode: code } : {}),
    ...(status ? { httpStatus: status } : {}),
    ...(message ? { message } : {}),
  }).code;
  // Core's one table reads each cloud's spelling of an expired credential from code, status and message.
  if (classified === 'credential_expired') {
    return vodError(
      'credential_expired',
      `${what} was refused: the upload credential has expired (${detail}).`,
      {
        ...options,
        retryable: false,
      },
    );
  }
  if (classified === 'not_found')
    return vodError('not_found', `${what} failed: the upload is gone (${detail}).`, options);
  // No answer came, or the store closed a body that stalled: the browser's own connection.
  if (status === 0 || classified === 'network')
    return vodError('network', `${what} failed (${detail}).`, options);
  if (classified === 'rate_limited' || classified === 'cloud_unavailable') {
    return vodError(classified, `${what} failed (${detail}).`, options);
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
  return cloudError(provider, what, { ...parsed, status, cause: { status, body: body.slice(0, 2000) } });
}

/**
 * {@link cloudError} for what an SDK threw, read through its own spelling of the fields (`fields`);
 * an error that is already ours passes through unchanged.
 */
export function sdkCloudError(
  provider: ProviderKey,
  what: string,
  error: unknown,
  fields: CloudErrorBody & { status?: unknown },
): VodUploadError {
  if (isVodUploadError(error)) return error;
  const status = typeof fields.status === 'number' && fields.status > 0 ? fields.status : 0;
  const { code, message, requestId } = fields;
  return cloudError(provider, what, { status, code, message, requestId, cause: { status, error } });
}

/**
 * Whether the store refused a write to keep the object the key already holds (core's `keyTaken`):
 * a conditional PUT that met an object, possibly its own first copy resent by the browser.
 */
export function isKeyTaken(error: unknown, provider: ProviderKey): boolean {
  return (
    isVodUploadError(error) &&
    error.cloudCode !== undefined &&
    classifyCloudError({ provider, cloudCode: error.cloudCode }).keyTaken === true
  );
}
