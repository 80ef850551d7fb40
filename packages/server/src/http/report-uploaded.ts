import type { UploadedEvent } from '../config/vod-handler-config.js';
import type { RouteContext } from './route-context.js';

/** Which media a finished upload made: what `onUploaded` is told besides the caller and the proof. */
export type UploadedMedia = Pick<UploadedEvent, 'provider' | 'kind' | 'mediaId'>;

/**
 * Reports a finished upload or import to `onUploaded` (once per media id) for the request's caller,
 * with the cloud's answer that proved it. Every route that finishes a media (commits, completes,
 * finished imports) reports through here, so the event has one shape whichever cloud made it: a
 * `mediaUrl` only when the cloud named one (a non-empty string), never a caller other than the
 * request's.
 */
export function reportUploaded(
  context: RouteContext,
  media: UploadedMedia,
  raw: unknown,
  mediaUrl?: unknown,
): Promise<void> {
  return context.uploaded({
    ...media,
    ...(typeof mediaUrl === 'string' && mediaUrl ? { mediaUrl } : {}),
    caller: context.caller,
    raw,
  });
}
