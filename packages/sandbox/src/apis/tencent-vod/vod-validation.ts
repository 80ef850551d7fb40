import { VodError } from './vod-error.js';
import type { VodParams } from './vod-params.js';

/**
 * Media extensions VOD accepts for upload (video and audio).
 * @see https://www.tencentcloud.com/document/product/266/33905 (upload: supported formats)
 */
export const VOD_MEDIA_TYPES = new Set([
  'wmv',
  'rm',
  'mov',
  'mpeg',
  'mp4',
  '3gp',
  'flv',
  'avi',
  'rmvb',
  'ts',
  'asf',
  'mpg',
  'webm',
  'mkv',
  'm3u8',
  'wm',
  'asx',
  'ram',
  'mpe',
  'vob',
  'dat',
  'mp4v',
  'm4v',
  'f4v',
  'mxf',
  'qt',
  'ogg',
  'mp3',
  'm4a',
  'flac',
  'wav',
  'aac',
  'wma',
  'amr',
  'ape',
  'opus',
]);

const AUDIO_TYPES = new Set(['mp3', 'm4a', 'flac', 'wav', 'aac', 'wma', 'amr', 'ape', 'opus', 'ogg']);

/** Cover image extensions. */
export const VOD_COVER_TYPES = new Set([
  'jpg',
  'jpeg',
  'png',
  'gif',
  'bmp',
  'tiff',
  'ai',
  'cdr',
  'eps',
  'webp',
]);

/** VOD storage regions (a COS region each). The sandbox stores every region in its one bucket. */
export const VOD_STORAGE_REGIONS = new Set([
  'ap-guangzhou',
  'ap-shanghai',
  'ap-nanjing',
  'ap-beijing',
  'ap-chengdu',
  'ap-chongqing',
  'ap-hongkong',
  'ap-singapore',
  'ap-mumbai',
  'ap-seoul',
  'ap-bangkok',
  'ap-tokyo',
  'ap-jakarta',
  'na-siliconvalley',
  'na-ashburn',
  'na-toronto',
  'sa-saopaulo',
  'eu-frankfurt',
  'eu-moscow',
]);

export function mediaCategory(type: string): 'Video' | 'Audio' {
  return AUDIO_TYPES.has(type.toLowerCase()) ? 'Audio' : 'Video';
}

export function checkMediaType(type: string): string {
  return checkExtension(type, VOD_MEDIA_TYPES, 'MediaType', 'media');
}

export function checkCoverType(type: string): string {
  return checkExtension(type, VOD_COVER_TYPES, 'CoverType', 'image');
}

/** `type` lower-cased when `allowed` has it (VOD takes extensions in any case), else the parameter's refusal. */
function checkExtension(
  type: string,
  allowed: ReadonlySet<string>,
  name: 'MediaType' | 'CoverType',
  kind: 'media' | 'image',
): string {
  const lower = type.toLowerCase();
  if (!allowed.has(lower)) {
    throw new VodError(`InvalidParameterValue.${name}`, `${name} "${type}" is not a supported ${kind} type.`);
  }
  return lower;
}

/**
 * `ExpireTime` in ISO 8601: an unparseable value is `InvalidParameterValue.ExpireTime` ("参数值错误：
 * ExpireTime 格式错误", a format error), an instant already past is `InvalidParameter.ExpireTime`
 * ("参数值错误：过期时间", a wrong expiry).
 * @see https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/vod/v20180717/errors.go
 * @see https://www.tencentcloud.com/document/api/266/34120 (ApplyUpload: error codes)
 */
export function readExpireTime(params: VodParams, nowMs: number): string | undefined {
  const value = params.string('ExpireTime');
  if (value === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const ms = Date.parse(value);
  if (!iso.test(value) || Number.isNaN(ms)) {
    throw new VodError(
      'InvalidParameterValue.ExpireTime',
      'ExpireTime must be ISO 8601, e.g. 2026-01-01T00:00:00Z.',
    );
  }
  if (ms <= nowMs) throw new VodError('InvalidParameter.ExpireTime', 'ExpireTime must be in the future.');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function readStorageRegion(params: VodParams): string | undefined {
  const value = params.string('StorageRegion');
  if (value !== undefined && !VOD_STORAGE_REGIONS.has(value)) {
    throw new VodError(
      'InvalidParameterValue.StorageRegion',
      `StorageRegion "${value}" is not a VOD storage region.`,
    );
  }
  return value;
}

/**
 * `SubAppId`: 0 or absent is the main application; otherwise one of the account's sub-applications
 * (`descriptor.tencent.subAppIds`), else `InvalidParameterValue.SubAppId` as the cloud answers an id
 * the account does not own.
 * @see https://www.tencentcloud.com/document/product/266/33987 (sub-application system)
 */
export function readSubAppId(params: VodParams, known: readonly number[]): number {
  const id = params.integer('SubAppId', 0, 2 ** 32 - 1) ?? 0;
  if (id !== 0 && !known.includes(id)) {
    throw new VodError(
      'InvalidParameterValue.SubAppId',
      `SubAppId ${id} is not a VOD application of this account.`,
    );
  }
  return id;
}

export function readClassId(params: VodParams): number {
  return params.integer('ClassId', 0, 2 ** 31 - 1) ?? 0;
}

/**
 * `MediaStoragePath` (FileID + Path mode): an absolute object path. Returns the object key without
 * its leading `/`.
 */
export function readMediaStoragePath(params: VodParams): string | undefined {
  const value = params.string('MediaStoragePath');
  if (value === undefined) return undefined;
  if (!/^\/[^/].*[^/]$/.test(value) || value.includes('//')) {
    throw new VodError(
      'InvalidParameterValue.MediaStoragePath',
      'MediaStoragePath must start with "/" and name a file.',
    );
  }
  return value.slice(1);
}
