import type { VodUploadError } from '@vod-uploader/core';
import type { VodMessages } from './vod-messages.js';

/**
 * The words a person reads for an error. File refusals carry their own, already localized, sentence
 * (they name the file and the limit); every other code maps to a sentence that says what to do.
 */
export function describeError(error: VodUploadError, messages: VodMessages): string {
  if (error.code === 'file_invalid' && error.message) return error.message;
  return messages.errors[error.code] ?? messages.errors.internal;
}

/** The details support staff ask for (the cloud's code and request id), when there are any. */
export function supportDetailsOf(error: VodUploadError): string | undefined {
  const parts = [error.cloudCode, error.requestId && `RequestId ${error.requestId}`].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}
