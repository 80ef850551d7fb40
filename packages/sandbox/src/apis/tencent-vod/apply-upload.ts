import type { SandboxContext } from '../../http/api-module.js';
import { newStoragePaths, newVodSessionKey, saveSession } from './upload-session.js';
import { VodParams } from './vod-params.js';
import {
  checkCoverType,
  checkMediaType,
  readClassId,
  readExpireTime,
  readMediaStoragePath,
  readStorageRegion,
  readSubAppId,
} from './vod-validation.js';

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
export function applyUpload(raw: Record<string, unknown>, ctx: SandboxContext): Record<string, unknown> {
  const params = new VodParams(raw, PARAMS);
  const mediaType = checkMediaType(params.string('MediaType', { required: true }));
  const coverTypeText = params.string('CoverType');
  const coverType = coverTypeText ? checkCoverType(coverTypeText) : undefined;
  const mediaName = params.string('MediaName', { max: 64 }) ?? '';
  const procedure = params.string('Procedure') ?? '';
  const expireTime = readExpireTime(params, ctx.clock.now());
  const storageRegion = readStorageRegion(params) ?? ctx.descriptor.tencent.region;
  const classId = readClassId(params);
  const sourceContext = params.string('SourceContext', { max: 250 }) ?? '';
  const sessionContext =
    params.string('SessionContext', { max: 1000, tooLong: 'InvalidParameterValue.SessionContextTooLong' }) ??
    '';
  params.string('ExtInfo');
  const subAppId = readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  const storagePath = readMediaStoragePath(params);

  const { bucket } = ctx.descriptor.tencent;
  const paths = newStoragePaths(ctx, mediaType, coverType);
  const mediaKey = storagePath ?? paths.mediaKey;
  const coverKey = paths.coverKey;
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
