import type { SandboxContext } from '../../http/api-module.js';
import { readMediaTarget } from './read-media-target.js';
import { claimMediaStoragePath, newStoragePaths, newVodSessionKey, saveSession } from './upload-session.js';
import { VodParams } from './vod-params.js';
import { checkCoverType, checkMediaType } from './vod-validation.js';

const PARAMS = [
  'MediaType',
  'MediaName',
  'CoverType',
  'Procedure',
  'ExpireTime',
  'StorageRegion',
  'ClassId',
  'SourceContext',
  'SessionContext',
  'ExtInfo',
  'SubAppId',
  'MediaStoragePath',
];

/**
 * ApplyUpload: reserves storage paths and hands out a TempCertificate that may write exactly those
 * two COS keys, for `credentialLifetimeSeconds`.
 * @see https://www.tencentcloud.com/document/product/266/33413
 */
export async function applyUpload(
  raw: Record<string, unknown>,
  ctx: SandboxContext,
): Promise<Record<string, unknown>> {
  const params = new VodParams(raw, PARAMS);
  const mediaType = checkMediaType(params.string('MediaType', { required: true }));
  const coverTypeText = params.string('CoverType');
  const coverType = coverTypeText ? checkCoverType(coverTypeText) : undefined;
  const {
    mediaName,
    procedure,
    expireTime,
    storageRegion,
    classId,
    sourceContext,
    sessionContext,
    subAppId,
    storagePath,
  } = readMediaTarget(params, ctx);

  const { bucket } = ctx.descriptor.tencent;
  const paths = newStoragePaths(ctx, mediaType, coverType);
  const mediaKey = storagePath ?? paths.mediaKey;
  const coverKey = paths.coverKey;
  if (storagePath) await claimMediaStoragePath(ctx, storagePath);
  const credential = ctx.credentials.issue(
    { cloud: 'cos', bucket, keys: coverKey ? [mediaKey, coverKey] : [mediaKey] },
    ctx.options.credentialLifetimeSeconds,
    'AKIDtmp',
  );
  const session = saveSession(ctx, {
    vodSessionKey: newVodSessionKey(),
    mediaKey,
    ...(coverKey ? { coverKey } : {}),
    mediaType,
    mediaName:
      mediaName ||
      mediaKey
        .split('/')
        .at(-1)!
        .replace(/\.[^.]+$/, ''),
    procedure,
    classId,
    storageRegion,
    ...(expireTime ? { expireTime } : {}),
    sourceContext,
    sessionContext,
    subAppId,
    credentialId: credential.id,
    legacy: false,
    createdAt: ctx.clock.now(),
  });
  return {
    StorageBucket: bucket,
    StorageRegion: storageRegion,
    VodSessionKey: session.vodSessionKey,
    MediaStoragePath: `/${mediaKey}`,
    ...(coverKey ? { CoverStoragePath: `/${coverKey}` } : {}),
    TempCertificate: {
      SecretId: credential.id,
      SecretKey: credential.secret,
      Token: credential.token,
      ExpiredTime: Math.floor(credential.expiresAt / 1000),
    },
  };
}
