import type { VodUploadErrorCode } from '@vod-uploader/core';

// A Record, so the compiler fails here when core adds or renames a code.
const CODES: Record<VodUploadErrorCode, true> = {
  config_invalid: true,
  request_invalid: true,
  policy_refused: true,
  unauthorized: true,
  forbidden: true,
  rate_limited: true,
  request_timeout: true,
  body_too_large: true,
  decode_failed: true,
  credential_expired: true,
  cloud_refused: true,
  cloud_unavailable: true,
  network: true,
  aborted: true,
  file_changed: true,
  integrity_failed: true,
  file_invalid: true,
  not_found: true,
  already_imported: true,
  store_unavailable: true,
  internal: true,
  endpoint_not_found: true,
  processing_failed: true,
  processing_timeout: true,
};

/** The `code` of a serialized error when it is one of vod-uploader's stable codes, else undefined. */
export function typedCodeOf(error: unknown): VodUploadErrorCode | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && Object.hasOwn(CODES, code) ? (code as VodUploadErrorCode) : undefined;
}
