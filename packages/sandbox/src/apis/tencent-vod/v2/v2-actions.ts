import type { SandboxContext } from '../../../http/api-module.js';
import { commitSession } from '../commit-upload.js';
import { publicUrl } from '../media-record.js';
import {
  findSession,
  newStoragePaths,
  newVodSessionKey,
  saveSession,
  saveV2Paths,
} from '../upload-session.js';
import { VodError } from '../vod-error.js';
import { VOD_COVER_TYPES, VOD_MEDIA_TYPES } from '../vod-validation.js';
import { V2Error } from './v2-error.js';

/**
 * The v2 short codes of the COS regions the sandbox may serve (v2 answers `gzp`, not `ap-guangzhou`;
 * the documents show no other code, so the others follow `gzp`'s pattern: the sandbox's choice).
 * @see https://cloud.tencent.com/document/product/266/1967 (v2 ApplyUpload example: `"storageRegion": "gzp"`)
 */
const V2_REGION_CODES: Readonly<Record<string, string>> = {
  'ap-guangzhou': 'gzp',
  'ap-shanghai': 'shp',
  'ap-beijing': 'bjp',
  'ap-beijing-1': 'tjp',
  'ap-chengdu': 'cdp',
};

/**
 * Legacy v2 ApplyUpload, answered in the documented shape: `storageBucket` without its `-APPID`,
 * `storageRegion` as a short code, `video`/`cover` as objects (the example), no `storageAppId`.
 * No temporary credential exists in v2: the client uploads to COS with the account key, which the
 * sandbox's COS honours for this session's two storage paths until it is committed.
 * @see https://cloud.tencent.com/document/product/266/1967 (v2 ApplyUpload, archived)
 */
export function v2ApplyUpload(params: Map<string, string>, ctx: SandboxContext): Record<string, unknown> {
  const videoType = (params.get('videoType') ?? '').toLowerCase();
  if (!videoType) throw new V2Error(4000, 'MissingParameter', 'videoType is required.');
  if (!VOD_MEDIA_TYPES.has(videoType))
    throw new V2Error(4000, 'InvalidParameter', `videoType ${videoType} is not supported.`);
  const coverType = params.get('coverType')?.toLowerCase() || undefined;
  if (coverType && !VOD_COVER_TYPES.has(coverType)) {
    throw new V2Error(4000, 'InvalidParameter', `coverType ${coverType} is not supported.`);
  }
  for (const name of ['videoSize', 'coverSize']) {
    const value = params.get(name);
    if (value !== undefined && !/^\d{1,15}$/.test(value)) {
      throw new V2Error(4000, 'InvalidParameter', `${name} must be a byte count.`);
    }
  }
  const { bucket, region } = ctx.descriptor.tencent;
  const { mediaKey, coverKey } = newStoragePaths(ctx, videoType, coverType);
  const session = saveSession(ctx, {
    vodSessionKey: newVodSessionKey(),
    mediaKey,
    ...(coverKey ? { coverKey } : {}),
    mediaType: videoType,
    mediaName: params.get('videoName') || 'f0',
    procedure: params.get('procedure') ?? '',
    classId: 0,
    storageRegion: region,
    sourceContext: '',
    sessionContext: '',
    subAppId: 0,
    legacy: true,
    createdAt: ctx.clock.now(),
  });
  saveV2Paths(ctx, session);
  return {
    video: { storagePath: `/${mediaKey}` },
    ...(coverKey ? { cover: { storagePath: `/${coverKey}` } } : {}),
    storageBucket: bucket.slice(0, bucket.length - `-${ctx.descriptor.tencent.appId}`.length),
    storageRegion: V2_REGION_CODES[region] ?? region,
    vodSessionKey: session.vodSessionKey,
  };
}

/**
 * Legacy v2 CommitUpload → `{ fileId, video: { url }, cover: { url } }`. Only v2 sessions: an API 3.0
 * session's key (a sub-application's too) is unknown here, as a v2 key is to API 3.0.
 */
export async function v2CommitUpload(
  params: Map<string, string>,
  ctx: SandboxContext,
): Promise<Record<string, unknown>> {
  const key = params.get('vodSessionKey');
  if (!key) throw new V2Error(4000, 'MissingParameter', 'vodSessionKey is required.');
  const session = findSession(ctx, key);
  if (!session?.legacy || session.committedFileId) {
    throw new V2Error(
      4000,
      'InvalidParameterValue.VodSessionKey',
      'vodSessionKey is unknown or already committed.',
    );
  }
  try {
    const media = await commitSession(ctx, session);
    return {
      fileId: media.fileId,
      video: { url: publicUrl(ctx, media.key) },
      ...(media.coverKey ? { cover: { url: publicUrl(ctx, media.coverKey) } } : {}),
    };
  } catch (error) {
    if (error instanceof VodError) throw new V2Error(5100, 'FailedOperation', error.message);
    throw error;
  }
}
