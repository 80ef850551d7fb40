import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../../http/api-module.js';
import { startPullTask } from './pull-task.js';
import { readMediaTarget } from './read-media-target.js';
import { claimMediaStoragePath, newStoragePaths } from './upload-session.js';
import { VodError } from './vod-error.js';
import { VodParams } from './vod-params.js';
import { vodTime } from './vod-time.js';
import { checkMediaType, VOD_MEDIA_TYPES } from './vod-validation.js';

const PARAMS = [
  'MediaUrl',
  'MediaType',
  'MediaName',
  'CoverUrl',
  'Procedure',
  'ExpireTime',
  'StorageRegion',
  'ClassId',
  'TasksPriority',
  'SessionContext',
  'SessionId',
  'ExtInfo',
  'SourceContext',
  'MediaStoragePath',
  'SubAppId',
];

/** SessionId deduplication window of PullUpload: three days. */
export const PULL_SESSION_ID_TTL_MS = 3 * 24 * 3600 * 1000;
const SESSION_IDS = 'tencent-pull-session-ids';

/**
 * PullUpload: validates, stores a WAITING task and downloads the URL in the background.
 * @see https://www.tencentcloud.com/document/product/266/34130
 */
export async function pullUpload(
  raw: Record<string, unknown>,
  ctx: SandboxContext,
): Promise<Record<string, unknown>> {
  const params = new VodParams(raw, PARAMS);
  const mediaUrl = readHttpUrl(params.string('MediaUrl', { required: true }), 'MediaUrl');
  const mediaTypeText = params.string('MediaType');
  const mediaType = mediaTypeText ? checkMediaType(mediaTypeText) : extensionOf(mediaUrl, VOD_MEDIA_TYPES);
  if (!mediaType) {
    throw new VodError(
      'FailedOperation.MediaType',
      'The media type cannot be told from MediaUrl: pass MediaType.',
    );
  }
  const coverText = params.string('CoverUrl');
  const coverUrl = coverText ? readHttpUrl(coverText, 'CoverUrl') : '';
  const coverType = coverUrl ? pullCoverType(coverUrl) : undefined;
  const target = readMediaTarget(params, ctx);
  const tasksPriority = params.integer('TasksPriority', -10, 10) ?? 0;
  const sessionId =
    params.string('SessionId', { max: 50, tooLong: 'InvalidParameterValue.SessionIdTooLong' }) ?? '';
  const { subAppId } = target;

  const now = ctx.clock.now();
  if (sessionId) {
    const seen = ctx.state.get<{ at: number; taskId: string }>(SESSION_IDS, `${subAppId}:${sessionId}`);
    if (seen && now - seen.at < PULL_SESSION_ID_TTL_MS) {
      throw new VodError(
        'InvalidParameterValue.SessionId',
        `SessionId "${sessionId}" was used in the last 3 days.`,
      );
    }
  }

  const paths = newStoragePaths(ctx, mediaType, coverType);
  if (target.storagePath) await claimMediaStoragePath(ctx, target.storagePath);
  const taskId = `${ctx.descriptor.tencent.appId}-Pull-${randomBytes(16).toString('hex')}`;
  if (sessionId) ctx.state.put(SESSION_IDS, `${subAppId}:${sessionId}`, { at: now, taskId });
  startPullTask(ctx, {
    taskId,
    status: 'WAITING',
    createTime: vodTime(now),
    beginProcessTime: '',
    finishTime: '',
    errCode: 0,
    message: '',
    progress: 0,
    fileId: '',
    mediaUrl,
    coverUrl,
    mediaType,
    mediaName:
      target.mediaName ||
      decodeURIComponent(new URL(mediaUrl).pathname.split('/').at(-1) ?? '').replace(/\.[^.]*$/, ''),
    mediaKey: target.storagePath ?? paths.mediaKey,
    ...(paths.coverKey ? { coverKey: paths.coverKey } : {}),
    procedure: target.procedure,
    classId: target.classId,
    storageRegion: target.storageRegion,
    ...(target.expireTime ? { expireTime: target.expireTime } : {}),
    sessionContext: target.sessionContext,
    sessionId,
    sourceContext: target.sourceContext,
    extInfo: target.extInfo,
    subAppId,
    tasksPriority,
  });
  return { TaskId: taskId };
}

function readHttpUrl(value: string, name: 'MediaUrl' | 'CoverUrl'): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new VodError(`InvalidParameterValue.${name}`, `${name} must be an http(s) URL.`);
  }
  return url.href;
}

/**
 * PullUpload's `CoverUrl` takes gif, jpeg and png only (unlike ApplyUpload's wider `CoverType` list):
 * another extension is `InvalidParameterValue.CoverType`; a path without one is taken as jpeg.
 * @see https://www.tencentcloud.com/document/api/266/34130 (PullUpload: `CoverUrl`)
 */
function pullCoverType(coverUrl: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(new URL(coverUrl).pathname)?.[1]?.toLowerCase();
  if (ext === undefined) return 'jpg';
  if (!PULL_COVER_TYPES.has(ext)) {
    throw new VodError(
      'InvalidParameterValue.CoverType',
      `CoverUrl must be a gif, jpeg or png image, not "${ext}".`,
    );
  }
  return ext;
}

const PULL_COVER_TYPES = new Set(['gif', 'jpeg', 'jpg', 'png']);

function extensionOf(url: string, allowed: Set<string>): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return ext && allowed.has(ext) ? ext : undefined;
}
