import { isVodUploadError, type VodUploadError, vodError } from '@vod-uploader/core';

/**
 * The typed, retryable refusal of a step the instances' shared store could not settle (503
 * `store_unavailable`). The message reaches the browser, so it names nothing internal; the store's
 * own error stays in `cause`. A `VodUploadError` passes through as it is.
 */
export function storeUnavailable(
  cause: unknown,
  message = 'The shared store did not answer',
): VodUploadError {
  if (isVodUploadError(cause)) return cause;
  return vodError('store_unavailable', `${message}; try again shortly`, { retryable: true, cause });
}
