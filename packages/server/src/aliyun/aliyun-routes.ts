import { vodError } from '@vod-uploader/core';
import { compact } from '../cloud/compact.js';
import { parseWith } from '../http/parse-with.js';
import { reportUploaded } from '../http/report-uploaded.js';
import {
  aliyunCompleteSchema,
  aliyunCreateUploadImageSchema,
  aliyunCreateUploadVideoSchema,
  aliyunRefreshUploadVideoSchema,
  pathIdSchema,
  urlImportSchema,
} from '../http/request-schemas.js';
import type { ProviderRoutes, RouteContext } from '../http/route-context.js';
import { importJobOwnerId } from '../media-events/aliyun-callback-owner.js';
import { issueMediaTicket } from '../media-status/media-ticket.js';
import { deriveSessionId } from '../ownership/session-id.js';
import { expectTicketFor, type TicketClaims } from '../ownership/upload-tickets.js';
import { deleteOversizedMedia } from '../policy/delete-oversized-media.js';
import { checkImport } from '../policy/import-url.js';
import { ALIYUN_IMAGE_EXTENSIONS, extensionOf } from '../policy/media-extensions.js';
import { sizeMismatch } from '../policy/size-mismatch.js';
import { prepareSeedFields, userDataText } from '../prepare-upload/prepare-seed-fields.js';
import type { AliyunResult } from './aliyun-cloud.js';
import type { AliyunProvider } from './aliyun-provider.js';

/** Video states after the bytes are in: upload finished, whatever processing does next. */
const UPLOADED_VIDEO_STATES = new Set(['UploadSucc', 'Transcoding', 'TranscodeFail', 'Checking', 'Normal']);

/**
 * The only states in which a video's upload credential may be refreshed: RefreshUploadVideo is
 * also how a source file is overwritten, so a video whose bytes are in is never refreshed again.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-refreshuploadvideo
 */
const REFRESHABLE_VIDEO_STATES = new Set(['Uploading', 'UploadFail']);

/**
 * `GetURLUploadInfos` job states whose media is stored.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-geturluploadinfos
 */
const IMPORTED_JOB_STATES = new Set(['SUCCESS', 'UPLOAD_SUCCESS', 'NORMAL']);

/** The Alibaba routes. Each answers the RPC JSON as returned (base64 `UploadAddress`/`UploadAuth`). */
export const aliyunRoutes: ProviderRoutes<AliyunProvider> = {
  async aliyunCreateUploadVideo(context, aliyun) {
    const { config, cloud } = aliyun;
    const { policy } = context;
    const body = parseWith(aliyunCreateUploadVideoSchema, await context.body());
    policy.checkClientFields(body, ['templateGroupId', 'cateId']);
    const extension = extensionOf(body.fileName);
    if (!extension) {
      throw vodError('policy_refused', 'fileName: must end with the file extension, e.g. video.mp4', {
        field: 'fileName',
      });
    }
    policy.checkMediaExtension(extension, 'fileName', 'aliyun');
    policy.checkFileSize(body.fileSize);
    const { Tags, UserData, ...fields } = await prepareSeedFields(context, 'CreateUploadVideo', body);
    // The owner is recorded after the create: with the store down, make no video to orphan.
    await context.canRememberOwners();
    const result = await cloud.call(
      'CreateUploadVideo',
      compact({
        Title: body.title ?? titleOf(body.fileName),
        FileName: body.fileName,
        FileSize: body.fileSize,
        Description: body.description,
        Tags: (Tags ?? body.tags)?.join(','),
        TemplateGroupId: policy.pick(body, 'templateGroupId', config.templateGroupId),
        WorkflowId: config.workflowId,
        CateId: policy.pick(body, 'cateId', config.cateId),
        AppId: config.appId,
        StorageLocation: config.storageLocation,
        ...compact(fields),
        UserData: userDataText(UserData),
      }),
    );
    // The callback's caller is this record, never its (unsigned) body.
    if (typeof result.VideoId === 'string' && result.VideoId) {
      await context.rememberOwner('aliyun', result.VideoId);
    }
    issueSession(context, 'video', result.VideoId, body.fileSize);
    return result;
  },

  async aliyunRefreshUploadVideo(context, aliyun) {
    const { cloud } = aliyun;
    const body = parseWith(aliyunRefreshUploadVideoSchema, await context.body());
    const claims = context.openTicket(body.ticket, 'aliyun');
    expectTicketFor(claims, { kind: 'video', id: body.videoId }, 'aliyun');
    const info = await cloud.call('GetVideoInfo', { VideoId: body.videoId });
    const status = String((info.Video as { Status?: unknown } | undefined)?.Status ?? '');
    if (!REFRESHABLE_VIDEO_STATES.has(status)) {
      throw vodError(
        'policy_refused',
        `videoId: the upload is finished (status ${status || 'unknown'}); its credential cannot be refreshed`,
        { provider: 'aliyun', field: 'videoId' },
      );
    }
    return cloud.call('RefreshUploadVideo', { VideoId: body.videoId });
  },

  async aliyunCreateUploadImage(context, aliyun) {
    const { config, cloud } = aliyun;
    const { policy } = context;
    const body = parseWith(aliyunCreateUploadImageSchema, await context.body());
    const extension = body.imageExt.replace(/^\./, '').toLowerCase();
    policy.checkImageExtension(extension, 'imageExt', ALIYUN_IMAGE_EXTENSIONS);
    policy.checkFileSize(body.fileSize);
    const { Tags, UserData, ...fields } = await prepareSeedFields(context, 'CreateUploadImage', body);
    const result = await cloud.call(
      'CreateUploadImage',
      compact({
        ImageType: body.imageType,
        ImageExt: extension,
        Title: body.title,
        CateId: config.cateId,
        AppId: config.appId,
        StorageLocation: config.storageLocation,
        ...compact(fields),
        Tags: Tags?.join(','),
        UserData: userDataText(UserData),
      }),
    );
    issueSession(context, 'image', result.ImageId, body.fileSize);
    return result;
  },

  async aliyunUrlImport(context, aliyun) {
    const { config, cloud, urlImports, tags } = aliyun;
    const body = parseWith(urlImportSchema, await context.body());
    const checked = await checkImport(context.policy, body, 'aliyun');
    // Keyed with the account's secret, as Tencent's SessionId is: another app (another account) on
    // the same store never shares this caller's answer.
    const dedupId = `${tags.tag(context.caller.id)}-${deriveSessionId(context.caller.id, checked.mediaUrl, body.mediaName, body.attempt)}`;
    const { Title, Description, CateId, Tags, UserData, ...fields } = await prepareSeedFields(
      context,
      'UploadMediaByURL',
      body,
    );
    const templateGroupId = fields.TemplateGroupId ?? config.templateGroupId;
    const workflowId = fields.WorkflowId ?? config.workflowId;
    const metadata = compact({
      SourceURL: checked.mediaUrl,
      Title: Title ?? body.mediaName ?? titleOf(new URL(checked.mediaUrl).pathname) ?? 'imported',
      FileExtension: checked.extension,
      CoverURL: checked.coverUrl,
      Description,
      Tags: Tags?.join(','),
      TemplateGroupId: templateGroupId,
      WorkflowId: workflowId,
      CateId: CateId ?? config.cateId,
    });
    await context.canRememberOwners();
    const result = await urlImports.run(dedupId, () =>
      cloud.call(
        'UploadMediaByURL',
        compact({
          // Comma-separated list, so each URL is encoded once more inside the (itself encoded) form.
          UploadURLs: encodeURIComponent(checked.mediaUrl),
          UploadMetadatas: JSON.stringify([metadata]),
          AppId: config.appId,
          StorageLocation: config.storageLocation,
          ...compact(fields),
          TemplateGroupId: templateGroupId,
          WorkflowId: workflowId,
          // The app's UserData plus one key of ours, which ties the jobs to their caller:
          // GET /aliyun/url-import/:jobId checks it.
          UserData: userDataText(UserData, { vodUploaderCaller: tags.tag(context.caller.id) }),
        }),
      ),
    );
    // The VideoId comes later: a callback naming a job finds its caller here (`importJobOwnerId`).
    for (const jobId of jobIdsOf(result)) await context.rememberOwner('aliyun', importJobOwnerId(jobId));
    return result;
  },

  async aliyunUrlImportStatus(context, aliyun) {
    const { cloud, tags } = aliyun;
    const jobId = parseWith(pathIdSchema, context.id, 'jobId');
    const result = await cloud.call('GetURLUploadInfos', { JobIds: jobId });
    const tag = tags.tag(context.caller.id);
    const jobs = Array.isArray(result.URLUploadInfoList) ? (result.URLUploadInfoList as unknown[]) : [];
    const own = jobs.filter((job) => callerTagOf(job) === tag);
    // Another caller's job (or one this endpoint did not start) does not exist for this caller.
    if (own.length === 0)
      throw vodError('not_found', 'jobId: no such job', { provider: 'aliyun', field: 'jobId' });
    // A finished import is a new video, as a completed upload is: the app hears of it once.
    for (const job of own as Array<{ Status?: unknown; MediaId?: unknown; FileSize?: unknown }>) {
      const status = String(job.Status ?? '').toUpperCase();
      const mediaId = job.MediaId;
      if (!IMPORTED_JOB_STATES.has(status) || typeof mediaId !== 'string' || !mediaId) continue;
      const refusal = await deleteOversizedMedia(
        context.policy,
        'aliyun',
        { size: job.FileSize, via: 'import' },
        () => cloud.call('DeleteVideo', { VideoIds: mediaId }),
      );
      if (refusal) throw refusal;
      await context.rememberOwner('aliyun', mediaId);
      await reportUploaded(context, { provider: 'aliyun', kind: 'video', mediaId }, job);
    }
    return { ...result, URLUploadInfoList: own };
  },

  async aliyunComplete(context, aliyun) {
    const { cloud } = aliyun;
    const body = parseWith(aliyunCompleteSchema, await context.body());
    const claims = context.openTicket(body.ticket, 'aliyun');
    if ('videoId' in body) {
      expectTicketFor(claims, { kind: 'video', id: body.videoId }, 'aliyun');
      // GetVideoInfo documents no URL; the mezzanine's `FileURL` reads the stored file back (the
      // demo links it). Asked beside GetVideoInfo, a round trip less; used only once the video is
      // proven. Best effort: a key without `vod:GetMezzanineInfo` still completes.
      const mezzanineAsked = cloud.call('GetMezzanineInfo', { VideoId: body.videoId }).then(
        (info) => info.Mezzanine,
        () => undefined,
      );
      const result = await cloud.call('GetVideoInfo', { VideoId: body.videoId });
      const video = (result.Video ?? {}) as Record<string, unknown>;
      const status = String(video.Status ?? '');
      if (!UPLOADED_VIDEO_STATES.has(status)) notUploaded('videoId', status, result.RequestId);
      // OSS's STS policy cannot bind the length of a put: the stored size is checked here.
      if (
        claims.declaredSize !== undefined &&
        typeof video.Size === 'number' &&
        video.Size !== claims.declaredSize
      ) {
        await cloud.call('DeleteVideo', { VideoIds: body.videoId });
        throw sizeMismatch('aliyun', video.Size, claims.declaredSize);
      }
      const final = body.coverTicket
        ? await attachCover(context, aliyun, body.videoId, body.coverTicket)
        : result;
      issueMediaTicket(context, 'aliyun', body.videoId);
      await reportUploaded(context, { provider: 'aliyun', kind: 'video', mediaId: body.videoId }, final);
      const mezzanine = await mezzanineAsked;
      return mezzanine ? { ...final, Mezzanine: mezzanine } : final;
    }
    expectTicketFor(claims, { kind: 'image', id: body.imageId }, 'aliyun');
    const result = await cloud.call('GetImageInfo', { ImageId: body.imageId });
    const image = (result.ImageInfo ?? {}) as Record<string, unknown>;
    const status = String(image.Status ?? '');
    if (status !== 'Normal') notUploaded('imageId', status, result.RequestId);
    await reportUploaded(
      context,
      { provider: 'aliyun', kind: 'image', mediaId: body.imageId },
      result,
      image.URL,
    );
    return result;
  },
};

/**
 * Sets the cover image of `coverTicket` as the video's `CoverURL` (UpdateVideoInfo) and answers the
 * video's info after it. The URL is the cloud's (GetImageInfo of the ticket's image), never the
 * client's, and the ticket must be an image of this caller: no one can put another's image, or any
 * URL, on a video. An image not yet in OSS is refused as a video would be.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-updatevideoinfo
 */
async function attachCover(
  context: RouteContext,
  aliyun: AliyunProvider,
  videoId: string,
  coverTicket: string,
): Promise<AliyunResult> {
  const { cloud } = aliyun;
  const cover = context.openTicket(coverTicket, 'aliyun');
  if (cover.kind !== 'image') {
    throw vodError('forbidden', 'coverTicket: is not the ticket of an image', {
      provider: 'aliyun',
      field: 'coverTicket',
    });
  }
  const info = await cloud.call('GetImageInfo', { ImageId: cover.id });
  const image = (info.ImageInfo ?? {}) as Record<string, unknown>;
  const status = String(image.Status ?? '');
  if (status !== 'Normal') notUploaded('imageId', status, info.RequestId);
  if (typeof image.URL !== 'string' || !image.URL) notUploaded('imageId', 'NoURL', info.RequestId);
  await cloud.call('UpdateVideoInfo', { VideoId: videoId, CoverURL: image.URL });
  return cloud.call('GetVideoInfo', { VideoId: videoId });
}

/** Issues the ticket of a new video or image: its id and the declared size. */
function issueSession(
  context: RouteContext,
  kind: 'video' | 'image',
  id: unknown,
  declaredSize: number | undefined,
): void {
  if (typeof id !== 'string' || !id) return;
  const claims: TicketClaims = { provider: 'aliyun', kind, id };
  if (declaredSize !== undefined) claims.declaredSize = declaredSize;
  context.issueTicket(claims);
}

/** The `JobId`s of an UploadMediaByURL answer. */
function jobIdsOf(result: AliyunResult): string[] {
  const jobs = Array.isArray(result.UploadJobs) ? (result.UploadJobs as unknown[]) : [];
  return jobs
    .map((job) => (job as { JobId?: unknown } | null)?.JobId)
    .filter((id): id is string => typeof id === 'string' && id !== '');
}

/** The caller tag a URL import job's `UserData` carries, if any. */
function callerTagOf(job: unknown): string | undefined {
  const userData = (job as { UserData?: unknown } | null)?.UserData;
  if (typeof userData !== 'string') return undefined;
  try {
    const tag = (JSON.parse(userData) as { Extend?: { vodUploaderCaller?: unknown } }).Extend
      ?.vodUploaderCaller;
    return typeof tag === 'string' ? tag : undefined;
  } catch {
    return undefined;
  }
}

/** `holiday/beach trip.mp4` → `beach trip`, a default title. */
function titleOf(fileName: string): string | undefined {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const title = (dot > 0 ? base.slice(0, dot) : base).slice(0, 128);
  return title || undefined;
}

function notUploaded(field: 'videoId' | 'imageId', status: string, requestId: string | undefined): never {
  throw vodError('cloud_refused', `${field}: the upload is not finished (status ${status || 'unknown'})`, {
    provider: 'aliyun',
    field,
    ...(status ? { cloudCode: `Status.${status}` } : {}),
    ...(requestId ? { requestId } : {}),
  });
}
