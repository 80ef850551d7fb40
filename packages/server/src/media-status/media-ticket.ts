import type { ProviderKey } from '@vod-uploader/core';
import type { RouteContext } from '../http/route-context.js';

/**
 * Issues the `media` ticket of a finished upload (Tencent CommitUpload or a finished pull, Alibaba
 * complete, S3 complete): provider, media id, the Tencent procedure `taskId` when known and the
 * `subAppId`, sealed for this caller like every upload ticket. The finish answer carries it as
 * `ticket`; `POST /media/status` takes it back, so only this caller can read the media's state.
 */
export function issueMediaTicket(
  context: RouteContext,
  provider: ProviderKey,
  mediaId: unknown,
  extra: { taskId?: unknown; subAppId?: number } = {},
): void {
  if (typeof mediaId !== 'string' || !mediaId) return;
  context.issueTicket({
    provider,
    kind: 'media',
    id: mediaId,
    ...(typeof extra.taskId === 'string' && extra.taskId ? { taskId: extra.taskId } : {}),
    ...(extra.subAppId !== undefined ? { subAppId: extra.subAppId } : {}),
  });
}
