import { vodError } from '@vod-uploader/core';
import { compact } from '../cloud/compact.js';
import { isCloudNotFound } from '../cloud/is-cloud-not-found.js';
import { parseWith } from '../http/parse-with.js';
import { reportUploaded } from '../http/report-uploaded.js';
import {
  pathIdSchema,
  tencentApplyUploadSchema,
  tencentCommitUploadSchema,
  urlImportSchema,
} from '../http/request-schemas.js';
import type { ProviderRoutes, RouteContext } from '../http/route-context.js';
import { bindTencentCaller } from '../media-events/bind-caller.js';
import { issueMediaTicket } from '../media-status/media-ticket.js';
import { deriveSessionId } from '../ownership/session-id.js';
import { expectTicketFor, type TicketClaims } from '../ownership/upload-tickets.js';
import { deleteOversizedMedia } from '../policy/delete-oversized-media.js';
import { checkImport } from '../policy/import-url.js';
import { sizeMismatch } from '../policy/size-mismatch.js';
import { prepareSeedFields, prepareV2Fields } from '../prepare-upload/prepare-seed-fields.js';
import { refuseRepeatedImport } from './refuse-repeated-import.js';
import type { TencentConfig } from './tencent-config.js';
import type { TencentProvider } from './tencent-provider.js';
import { answerApplyUploadV2, commitUploadV2 } from './tencent-v2-routes.js';

/**
 * The Tencent routes. Each answers `{ Response: <API 3.0 result> }`, the wire shape the browser's
 * decoder reads; the legacy v2 apply-upload answers the v2 JSON as returned.
 */
export const tencentRoutes: ProviderRoutes<TencentProvider> = {
  async tencentApplyUpload(context, tencent) {
    const { config, cloud } = tencent;
    const { policy } = context;
    const body = parseWith(tencentApplyUploadSchema, await context.body());
    policy.checkClientFields(body, ['procedure', 'classId', 'sourceContext', 'sessionContext']);
    const mediaType = bare(body.mediaType);
    policy.checkMediaExtension(mediaType, 'mediaType', 'tencent');
    const coverType = body.coverType === undefined ? undefined : bare(body.coverType);
    if (coverType !== undefined) {
      policy.checkImageExtension(coverType, 'coverType');
      // The cover travels in the same session under the same maximum.
      policy.checkFileSize(body.coverSize, 'coverSize');
    }
    policy.checkFileSize(body.fileSize);
    const procedure = policy.pick(body, 'procedure', config.procedure);
    if (config.cosDomain) {
      context.envelope.storageEndpoint = {
        domain: config.cosDomain,
        protocol: config.cosProtocol ?? 'https:',
      };
    }

    if (config.legacyV2) {
      const v2Fields = await prepareV2Fields(context, body);
      const v2 = await cloud.applyUploadV2(
        compact({
          videoType: mediaType,
          videoName: body.mediaName,
          videoSize: body.fileSize,
          coverType,
          coverSize: body.coverSize,
          procedure,
          // The app's per-request fields win, as for API 3.0.
          ...compact({ ...v2Fields }),
        }),
      );
      return answerApplyUploadV2(context, tencent, v2, body.fileSize);
    }
    const fields = await prepareSeedFields(context, 'ApplyUpload', body);
    const result = await cloud.call(
      'ApplyUpload',
      bindTencentCaller(
        context,
        compact({
          MediaType: mediaType,
          MediaName: body.mediaName,
          CoverType: coverType,
          Procedure: procedure,
          ExpireTime: expireTime(config, context.now),
          StorageRegion: config.storageRegion,
          ClassId: policy.pick(body, 'classId', config.classId),
          SourceContext: policy.pick(body, 'sourceContext', config.sourceContext),
          SessionContext: policy.pick(body, 'sessionContext', undefined),
          SubAppId: config.subAppId,
          // The app's per-request fields win; the caller binding lives in the ticket (and, with
          // onMediaEvent, a sealed id put before the contexts), not in these.
          ...compact(fields),
        }),
      ),
    );
    issueSession(
      context,
      result.VodSessionKey,
      result.MediaStoragePath,
      result.CoverStoragePath,
      body.fileSize,
      fields.SubAppId,
    );
    return { Response: result };
  },

  async tencentCommitUpload(context, tencent) {
    const { config, cloud } = tencent;
    const body = parseWith(tencentCommitUploadSchema, await context.body());
    const claims = context.openTicket(body.ticket, 'tencent');
    expectTicketFor(claims, { kind: 'video', id: body.vodSessionKey }, 'tencent');
    await context.canReportUploads();
    if (claims.api === 'v2') {
      return commitUploadV2(context, tencent, body.vodSessionKey, (fileId) =>
        checkStoredSize(tencent, fileId, claims),
      );
    }
    const result = await tencent.commits.run(body.vodSessionKey, async () => {
      const committed = await cloud.call(
        'CommitUpload',
        compact({ VodSessionKey: body.vodSessionKey, SubAppId: claims.subAppId ?? config.subAppId }),
      );
      if (typeof committed.FileId === 'string' && committed.FileId) {
        await checkStoredSize(tencent, committed.FileId, claims);
      }
      return committed;
    });
    if (typeof result.FileId === 'string' && result.FileId) {
      // CommitUpload names no procedure task (its reference has no TaskId): /media/status finds it.
      issueMediaTicket(context, 'tencent', result.FileId, {
        ...(claims.subAppId !== undefined ? { subAppId: claims.subAppId } : {}),
      });
      await reportUploaded(
        context,
        { provider: 'tencent', kind: 'video', mediaId: result.FileId },
        result,
        result.MediaUrl,
      );
    }
    return { Response: result };
  },

  async tencentPullUpload(context, tencent) {
    const { config, cloud, urlImports, tags } = tencent;
    const body = parseWith(urlImportSchema, await context.body());
    const checked = await checkImport(context.policy, body, 'tencent');
    const sessionId = tags.sessionId(
      context.caller.id,
      deriveSessionId(context.caller.id, checked.mediaUrl, body.mediaName, body.attempt),
    );
    const fields = await prepareSeedFields(context, 'PullUpload', body);
    const pulled = urlImports.run(sessionId, () =>
      cloud.call(
        'PullUpload',
        bindTencentCaller(
          context,
          compact({
            MediaUrl: checked.mediaUrl,
            MediaType: checked.extension,
            MediaName: body.mediaName,
            CoverUrl: checked.coverUrl,
            Procedure: config.procedure,
            ExpireTime: expireTime(config, context.now),
            StorageRegion: config.storageRegion,
            ClassId: config.classId,
            SourceContext: config.sourceContext,
            SubAppId: config.subAppId,
            ...compact(fields),
            // Ours, after the app's fields: the dedup id, which also ties the task to its caller
            // (GET /tencent/tasks/:id checks it), so SessionContext stays the app's.
            SessionId: sessionId,
          }),
        ),
      ),
    );
    const result = await pulled.catch(refuseRepeatedImport);
    return { Response: result };
  },

  async tencentTask(context, tencent) {
    const { config, cloud, tags } = tencent;
    const taskId = parseWith(pathIdSchema, context.id, 'taskId');
    const noSuchTask = () =>
      vodError('not_found', 'taskId: no such task', { provider: 'tencent', field: 'taskId' });
    // An unknown task answers as another caller's does, so the answer tells no one which ids exist.
    const result = await cloud
      .call('DescribeTaskDetail', compact({ TaskId: taskId, SubAppId: config.subAppId }))
      .catch((error: unknown) => {
        throw isCloudNotFound(error) ? noSuchTask() : error;
      });
    const task = result.PullUploadTask as
      | {
          SessionContext?: unknown;
          SessionId?: unknown;
          ErrCode?: unknown;
          FileId?: unknown;
          FileUrl?: unknown;
          ProcedureTaskId?: unknown;
          MetaData?: { Size?: unknown };
        }
      | undefined;
    // Another caller's task (or one this endpoint did not start) does not exist for this caller.
    // Tasks started before the binding moved to SessionId carry it in SessionContext.
    const own =
      tags.ownsSessionId(context.caller.id, task?.SessionId) ||
      task?.SessionContext === tags.tag(context.caller.id);
    if (result.TaskType !== 'PullUpload' || !task || !own) throw noSuchTask();
    // A finished pull is a new media, as a commit is: the app hears of it once, when its caller sees it.
    const fileId = task.FileId;
    if (result.Status === 'FINISH' && (task.ErrCode ?? 0) === 0 && typeof fileId === 'string' && fileId) {
      const refusal = await deleteOversizedMedia(
        context.policy,
        'tencent',
        { size: task.MetaData?.Size, via: 'import' },
        () => cloud.call('DeleteMedia', compact({ FileId: fileId, SubAppId: config.subAppId })),
      );
      if (refusal) throw refusal;
      issueMediaTicket(context, 'tencent', fileId, { taskId: task.ProcedureTaskId });
      await reportUploaded(
        context,
        { provider: 'tencent', kind: 'video', mediaId: fileId },
        result,
        task.FileUrl,
      );
    }
    return { Response: result };
  },
};

/**
 * Issues the ticket of a new upload session: its `VodSessionKey` (what commit takes), its object
 * keys and the declared size. Without a session key (a malformed answer) there is nothing to bind;
 * the browser's decoder refuses such an answer anyway.
 */
function issueSession(
  context: RouteContext,
  vodSessionKey: unknown,
  mediaPath: unknown,
  coverPath: unknown,
  declaredSize: number | undefined,
  subAppId?: number,
): void {
  if (typeof vodSessionKey !== 'string' || !vodSessionKey) return;
  const claims: TicketClaims = { provider: 'tencent', kind: 'video', id: vodSessionKey };
  if (subAppId !== undefined) claims.subAppId = subAppId;
  if (typeof mediaPath === 'string' && mediaPath) claims.key = mediaPath;
  if (typeof coverPath === 'string' && coverPath) claims.coverKey = coverPath;
  if (declaredSize !== undefined) claims.declaredSize = declaredSize;
  context.issueTicket(claims);
}

/**
 * After CommitUpload: the media's stored size (`DescribeMediaInfos` `MetaData.Size`) must be the
 * declared one; a media of another size is deleted (`DeleteMedia`) and the commit refused, since
 * COS's temporary certificate cannot bind the length of what is put.
 * @see https://www.tencentcloud.com/document/product/266/33914
 */
async function checkStoredSize(
  tencent: TencentProvider,
  fileId: string,
  claims: TicketClaims,
): Promise<void> {
  if (claims.declaredSize === undefined) return;
  const { config, cloud } = tencent;
  const subAppId = claims.subAppId ?? config.subAppId;
  const info = await cloud.call(
    'DescribeMediaInfos',
    compact({ FileIds: [fileId], Filters: ['metaData'], SubAppId: subAppId }),
  );
  const media = (Array.isArray(info.MediaInfoSet) ? info.MediaInfoSet[0] : undefined) as
    | { MetaData?: { Size?: unknown } }
    | undefined;
  const size = media?.MetaData?.Size;
  // 0 or absent: the cloud has not probed the file yet; nothing to compare (the README says so).
  if (typeof size !== 'number' || size <= 0 || size === claims.declaredSize) return;
  await cloud.call('DeleteMedia', compact({ FileId: fileId, SubAppId: subAppId }));
  throw sizeMismatch('tencent', size, claims.declaredSize);
}

/** `.MP4` → `mp4`. */
function bare(extension: string): string {
  return extension.replace(/^\./, '').toLowerCase();
}

/** ISO 8601 without milliseconds, as the VOD API documents `ExpireTime`. */
function expireTime(config: TencentConfig, now: number): string | undefined {
  if (config.expireTime === undefined) return undefined;
  return new Date(now + config.expireTime * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
