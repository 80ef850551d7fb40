import type { ProviderKey } from '@vod-uploader/core';
import { deleteOversizedMedia, type StoredMedia } from '../policy/delete-oversized-media.js';
import type { ResolvedPolicy } from '../policy/upload-policy.js';

/** What a `media.failed` of a media the endpoint refused carries. */
export interface OversizedMediaFailure {
  reason: string;
  code: 'policy_refused';
}

/**
 * The routes' size check (`deleteOversizedMedia`) on the media an event names, so a caller who
 * skips the route that makes it (Alibaba's complete, an import's status read) keeps nothing over
 * `maxFileSize` either: the media is deleted (`remove`) and its event is this failure instead of
 * `media.uploaded` / `media.ready`. Undefined when the media may stay. Only for a media whose event
 * names a caller: one the endpoint did not issue (the console, another service on the account) is
 * not its policy's to delete.
 */
export async function oversizedMediaFailure(
  policy: ResolvedPolicy,
  provider: ProviderKey,
  callerId: string | undefined,
  stored: StoredMedia,
  remove: () => Promise<unknown>,
): Promise<OversizedMediaFailure | undefined> {
  if (callerId === undefined) return undefined;
  const refusal = await deleteOversizedMedia(policy, provider, stored, remove);
  return refusal ? { reason: refusal.message, code: 'policy_refused' } : undefined;
}
