import type { SandboxContext } from '../../http/api-module.js';
import { basicInfo, metaData, publicUrl, saveNewMedia } from './media-record.js';
import { startProcedure } from './procedure-task.js';
import { findSession, saveSession, type UploadSession } from './upload-session.js';
import { VodError } from './vod-error.js';
import { VodParams } from './vod-params.js';
import { readSubAppId } from './vod-validation.js';

/**
 * CommitUpload: turns an uploaded session into a media file. Only API 3.0 sessions: a legacy v2
 * session's key is unknown here, as it is to v2 the other way round. A session commits once; the media
 * object must be in the bucket (the cover is optional: without it CoverUrl is empty). The session's
 * `Procedure` (from ApplyUpload; CommitUpload itself takes none) starts, and a `NewFileUpload` event
 * is queued.
 * @see https://www.tencentcloud.com/document/product/266/33408
 */
export async function commitUpload(
  raw: Record<string, unknown>,
  ctx: SandboxContext,
): Promise<Record<string, unknown>> {
  const params = new VodParams(raw, ['VodSessionKey', 'SubAppId']);
  const key = params.string('VodSessionKey', { required: true });
  const subAppId = readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  const session = findSession(ctx, key);
  if (!session || session.legacy || session.committedFileId) {
    throw new VodError(
      'InvalidParameterValue.VodSessionKey',
      'The VodSessionKey is unknown or already committed.',
    );
  }
  if (subAppId !== session.subAppId) {
    throw new VodError('InvalidParameterValue.SubAppId', 'SubAppId differs from the one of ApplyUpload.');
  }
  const media = await commitSession(ctx, session);
  return {
    FileId: media.fileId,
    MediaUrl: publicUrl(ctx, media.key),
    CoverUrl: publicUrl(ctx, media.coverKey),
  };
}

/** Shared by API 3.0 and legacy v2 commits. Throws `FailedOperation` when the media was never uploaded. */
export async function commitSession(ctx: SandboxContext, session: UploadSession) {
  const { bucket } = ctx.descriptor.tencent;
  const object = await ctx.store.headObject(bucket, session.mediaKey).catch(() => undefined);
  if (!object) {
    throw new VodError('FailedOperation', `The media file /${session.mediaKey} has not been uploaded.`);
  }
  const hasCover = session.coverKey ? await ctx.store.hasObject(bucket, session.coverKey) : false;
  const media = await saveNewMedia(ctx, object, session, hasCover ? session.coverKey : undefined);
  saveSession(ctx, { ...session, committedFileId: media.fileId });
  // ApplyUpload's Procedure runs once the media is in; NewFileUpload names its task.
  const procedureTaskId = session.procedure
    ? startProcedure(ctx, media, { procedure: session.procedure, sessionContext: session.sessionContext })
    : '';
  ctx.events.tencent(media.subAppId, {
    EventType: 'NewFileUpload',
    FileUploadEvent: {
      FileId: media.fileId,
      MediaBasicInfo: basicInfo(ctx, media),
      ProcedureTaskId: procedureTaskId,
      ReviewAudioVideoTaskId: '',
      MetaData: metaData(media),
    },
  });
  return media;
}
