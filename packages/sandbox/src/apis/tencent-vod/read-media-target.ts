import type { SandboxContext } from '../../http/api-module.js';
import type { VodParams } from './vod-params.js';
import {
  readClassId,
  readExpireTime,
  readMediaStoragePath,
  readStorageRegion,
  readSubAppId,
} from './vod-validation.js';

/** What ApplyUpload and PullUpload both take about the media to come, checked. */
export interface MediaTarget {
  /** `MediaName`, `''` when not given (the caller derives one). */
  mediaName: string;
  procedure: string;
  /** ISO 8601 without milliseconds; absent: the media never expires. */
  expireTime?: string;
  /** The given `StorageRegion`, else the sandbox's region. */
  storageRegion: string;
  classId: number;
  sourceContext: string;
  sessionContext: string;
  extInfo: string;
  subAppId: number;
  /** `MediaStoragePath` as an object key (no leading `/`), when given. */
  storagePath?: string;
}

/**
 * Reads the parameters ApplyUpload and PullUpload share, with the cloud's checks and limits, in
 * one order, so both actions refuse the same bad value with the same code.
 * @see https://www.tencentcloud.com/document/product/266/33413 (ApplyUpload)
 * @see https://www.tencentcloud.com/document/product/266/34130 (PullUpload)
 */
export function readMediaTarget(params: VodParams, ctx: SandboxContext): MediaTarget {
  return {
    mediaName: params.string('MediaName', { max: 64 }) ?? '',
    procedure: params.string('Procedure') ?? '',
    expireTime: readExpireTime(params, ctx.clock.now()),
    storageRegion: readStorageRegion(params) ?? ctx.descriptor.tencent.region,
    classId: readClassId(params),
    sourceContext: params.string('SourceContext', { max: 250 }) ?? '',
    sessionContext:
      params.string('SessionContext', {
        max: 1000,
        tooLong: 'InvalidParameterValue.SessionContextTooLong',
      }) ?? '',
    extInfo: params.string('ExtInfo') ?? '',
    subAppId: readSubAppId(params, ctx.descriptor.tencent.subAppIds),
    storagePath: readMediaStoragePath(params),
  };
}
