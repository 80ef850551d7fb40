import { type ProviderKey, vodError } from '@vod-uploader/core';

/**
 * The refusal of an upload whose stored size is not the size its session declared: by then the
 * route has deleted the media, since the size the policy allowed is the only one that may stay.
 */
export function sizeMismatch(provider: ProviderKey, stored: number, declared: number) {
  return vodError(
    'policy_refused',
    `fileSize: ${stored} bytes were stored but ${declared} were declared; the upload was deleted`,
    { provider, field: 'fileSize' },
  );
}
