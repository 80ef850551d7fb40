import {
  classifyCloudError,
  type VodUploadError,
  type VodUploadErrorCode,
  vodError,
} from '@vod-uploader/core';
import type { CloudCallError } from './cloud-call-error.js';

const SAFE_MESSAGES: Partial<Record<VodUploadErrorCode, string>> = {
  internal: 'The server could not use its cloud account (server misconfiguration). Please try again later.',
  cloud_unavailable: 'The video cloud is unreachable or failing. Please try again later.',
};

/**
 * Turns a failed cloud call into the error the client sees, by core's one table
 * (`classifyCloudError`: provider, cloud code, HTTP status, message), plus the server's own rule: a
 * refusal of *our own* key, signature, clock or permissions (`ownKeyRefused`) is a server
 * misconfiguration, not the client's fault, so it becomes `internal` with a safe message.
 */
export function mapCloudError(error: CloudCallError): VodUploadError {
  const { cloudCode, requestId, httpStatus } = error.details;
  const classified = classifyCloudError({
    provider: error.provider,
    ...(cloudCode ? { cloudCode } : {}),
    ...(httpStatus ? { httpStatus } : {}),
  });
  // The server's own connection to the cloud stalled (`RequestTimeout`): the cloud's side to the client.
  const code = classified.ownKeyRefused
    ? 'internal'
    : classified.code === 'network'
      ? 'cloud_unavailable'
      : classified.code;
  const message =
    SAFE_MESSAGES[code] ??
    (code === 'not_found' && !cloudCode ? 'Not found.' : error.message || 'The cloud refused the request.');
  const options = { provider: error.provider, cloudCode, requestId, cause: error };
  // Which of our credentials failed is for the server's logs (onError), not for the client.
  if (code === 'internal') return vodError(code, message, { ...options, cloudCode: undefined });
  return vodError(code, message, options);
}
