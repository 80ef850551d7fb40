import {
  decodeTencentApplyUpload,
  decodeTencentCommitUpload,
  ENDPOINT_ROUTES,
  type StorageEndpoint,
  type TencentApplyUploadRequest,
  type TencentUploadTarget,
} from '@vod-uploader/core';
import { statusTicketOf } from '../shared/endpoint-client.js';
import { baseNameOf, coverOf, extensionOf, imageExtensionOf } from '../shared/file-info.js';
import type { DriverContext, UploadDriver, UploadSession } from '../shared/upload-driver.js';
import { type CosLocation, CosProtocol } from './cos-protocol.js';
import { legacyV2Signer } from './legacy-v2-signer.js';

/** Fields of ApplyUpload the app may set (the endpoint's policy decides which it honours). */
export type TencentApplyFields = Pick<
  TencentApplyUploadRequest,
  'procedure' | 'classId' | 'sourceContext' | 'sessionContext'
>;

/** The target as checkpointed: with the COS host the endpoint named, so a resumed upload goes there too. */
type SavedTarget = TencentUploadTarget & { storageEndpoint?: StorageEndpoint };

/**
 * Tencent VOD: ApplyUpload through the endpoint → the media into COS at `MediaStoragePath` (and the
 * cover at `CoverStoragePath`) → CommitUpload → the `FileId`. API 3.0 cannot renew a session's
 * credential (`restart`); a legacy v2 session is signed by the endpoint ({@link legacyV2Signer}).
 */
export function tencentDriver(
  fields: TencentApplyFields,
  /** Where COS is reached when set by the app; wins over the host the endpoint names. */
  app: CosLocation,
): UploadDriver<SavedTarget> {
  return {
    provider: 'tencent',
    // COS takes parts of 1 MB to 5 GB and at most 10,000 of them.
    minPartSize: 1024 * 1024,
    onExpiry: 'restart',
    checksOwnerOnResume: true,
    async apply(ctx, signal) {
      const name = ctx.file.name ?? 'file';
      const cover = coverOf(ctx.file.meta);
      const request: TencentApplyUploadRequest = {
        ...fields,
        mediaType: extensionOf(name) || 'mp4',
        mediaName: baseNameOf(name),
        fileSize: ctx.data.size,
        ...(cover ? { coverType: imageExtensionOf(cover), coverSize: cover.size } : {}),
      };
      const route = ENDPOINT_ROUTES.tencentApplyUpload;
      const { result, ticket, storageEndpoint } = await ctx.client.postOnceOnly(route, request, signal);
      const target = decodeTencentApplyUpload(result);
      const saved = storageEndpoint ? { ...target, storageEndpoint } : target;
      return tencentSession(ctx, app, saved, ticket);
    },
    // isCheckpointUsable already refused a checkpoint whose credential is about to expire.
    resume: (ctx, target, ticket) =>
      target.credential || target.legacy ? tencentSession(ctx, app, target, ticket) : undefined,
  };
}

function tencentSession(
  ctx: DriverContext,
  app: CosLocation,
  target: SavedTarget,
  ticket: string | undefined,
): UploadSession<SavedTarget> {
  const { client } = ctx;
  // The app's own `cosDomain` wins; else the host the endpoint is configured with; else COS's default.
  const { storageEndpoint, coverKey } = target;
  const cos: CosLocation = app.domain || !storageEndpoint ? app : storageEndpoint;
  const remoteSign = target.legacy ? legacyV2Signer(client, ticket) : undefined;
  const protocolOf = (key: string) => new CosProtocol(target, key, cos, client, remoteSign);
  return {
    target,
    ticket,
    credentialExpiresAt: target.credential?.expiresAt,
    media: protocolOf(target.mediaKey),
    ...(coverKey
      ? { uploadCover: (cover, signal) => ctx.sendBlob(cover, protocolOf(coverKey), signal) }
      : {}),
    async finish(signal) {
      const body = { vodSessionKey: target.vodSessionKey, ...(ticket ? { ticket } : {}) };
      const answer = await client.postForEnvelope(ENDPOINT_ROUTES.tencentCommitUpload, body, signal);
      const { fileId: id, mediaUrl: url, coverUrl } = decodeTencentCommitUpload(answer.result);
      return { provider: 'tencent', id, url, coverUrl, ...statusTicketOf(answer) };
    },
  };
}
