import type { SharedStore } from '../store/shared-store.js';

/**
 * How long a media's caller is remembered: 90 days, for its `media.deleted` (the cloud forgets the
 * media) and for Alibaba callbacks, whose owner is only ever this record (their body is unsigned).
 */
export const OWNER_TTL_MS = 90 * 24 * 3600 * 1000;

/** Remembers `callerId` as the caller of `mediaId` (a Tencent FileId, an Alibaba VideoId or import job). */
export function rememberOwner(
  store: SharedStore,
  provider: string,
  mediaId: string,
  callerId: string,
): Promise<void> {
  return store.set(ownerKey(provider, mediaId), callerId, OWNER_TTL_MS);
}

/** The caller remembered for a media, or undefined for a media the endpoint never heard of. */
export function rememberedOwner(
  store: SharedStore,
  provider: string,
  mediaId: string,
): Promise<string | undefined> {
  return store.get(ownerKey(provider, mediaId));
}

function ownerKey(provider: string, mediaId: string): string {
  return `vod-uploader:media-owner:${provider}:${mediaId}`;
}
