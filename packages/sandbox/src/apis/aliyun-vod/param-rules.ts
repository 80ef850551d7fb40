import type { RpcParams } from './rpc-params.js';
import { invalid, VodError } from './vod-error.js';

/**
 * File name extensions VOD accepts for audio and video.
 * @see https://www.alibabacloud.com/help/en/vod/user-guide/upload-overview (Limits)
 */
export const MEDIA_EXTENSIONS = new Set([
  '3gp',
  'asf',
  'avi',
  'dat',
  'dv',
  'flv',
  'f4v',
  'gif',
  'm2t',
  'm4v',
  'mj2',
  'mjpeg',
  'mkv',
  'mov',
  'mp4',
  'mpe',
  'mpg',
  'mpeg',
  'mts',
  'ogg',
  'qt',
  'rm',
  'rmvb',
  'swf',
  'ts',
  'vob',
  'wmv',
  'webm',
  'aac',
  'ac3',
  'acm',
  'amr',
  'ape',
  'caf',
  'flac',
  'm4a',
  'mp3',
  'ra',
  'wav',
  'wma',
]);

/** `ImageExt` values of CreateUploadImage. */
export const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif']);

/** Length in characters (code points), as the cloud counts UTF-8 text. */
function length(value: string): number {
  return [...value].length;
}

export function maxLength(params: RpcParams, name: string, max: number): string | undefined {
  const value = params.get(name);
  if (value !== undefined && length(value) > max)
    throw invalid(name, `exceeds the length limit of ${max} characters.`);
  return value;
}

/** The lower-case extension of a required `FileName`, which must be a supported media type. */
export function mediaExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (!MEDIA_EXTENSIONS.has(extension)) {
    throw new VodError(
      'InvalidFileName.Extension',
      `The file extension "${extension}" of FileName is not supported.`,
    );
  }
  return extension;
}

/** `Tags`: at most 16, comma-separated, each at most 32 characters and not empty. */
export function tags(params: RpcParams): string | undefined {
  const value = params.get('Tags');
  if (value === undefined) return undefined;
  const list = value.split(',').map((tag) => tag.trim());
  if (list.length > 16) throw invalid('Tags', 'holds more than 16 tags.');
  if (list.some((tag) => tag === '' || length(tag) > 32)) {
    throw invalid('Tags', 'holds an empty tag or one longer than 32 characters.');
  }
  return list.join(',');
}

/** `UserData`: a JSON object, at most 1024 characters. */
export function userData(params: RpcParams): string | undefined {
  const value = maxLength(params, 'UserData', 1024);
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid('UserData', 'is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid('UserData', 'must be a JSON object.');
  }
  return value;
}

/** A non-negative integer parameter (`FileSize`, `CateId`). */
export function integer(params: RpcParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (!/^\d{1,18}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalid(name, 'must be a non-negative integer.');
  }
  return Number(value);
}

/** An http(s) URL parameter (`CoverURL`). */
export function httpUrl(params: RpcParams, name: string): string | undefined {
  const value = maxLength(params, name, 1024);
  if (value !== undefined && !isHttpUrl(value)) throw invalid(name, 'must be an http or https URL.');
  return value;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `ReferenceId`: 6–64 of `[A-Za-z0-9_-]` (uniqueness is the caller's check). */
export function referenceId(params: RpcParams): string | undefined {
  const value = params.get('ReferenceId');
  if (value !== undefined && !/^[A-Za-z0-9_-]{6,64}$/.test(value)) {
    throw invalid('ReferenceId', 'must be 6 to 64 letters, digits, hyphens (-) or underscores (_).');
  }
  return value;
}

/** `AppId`: `app-` plus digits, default `app-1000000` (the cloud's default application). */
export function appId(params: RpcParams): string {
  const value = params.get('AppId') ?? 'app-1000000';
  if (!/^app-\d{7,}$/.test(value)) throw invalid('AppId', 'is not a valid application ID.');
  return value;
}

/**
 * `StorageLocation`: only the sandbox's bucket exists; another is `InvalidStorage.NotFound` (404), the
 * code CreateUploadVideo and CreateUploadImage document for a storage address the account lacks.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-createuploadvideo
 */
export function storageLocation(params: RpcParams, bucket: string): string {
  const value = params.get('StorageLocation') ?? bucket;
  if (value !== bucket && value !== `${bucket}.oss-cn-shanghai.aliyuncs.com`) {
    throw new VodError(
      'InvalidStorage.NotFound',
      `The storage location "${value}" does not exist in this account (use "${bucket}").`,
    );
  }
  return bucket;
}

/** The descriptive fields a video and an image both keep, as CreateUploadVideo and CreateUploadImage take them. */
export interface MediaMetadata {
  Description?: string;
  CateId?: number;
  Tags?: string;
  StorageLocation: string;
  UserData?: string;
  AppId: string;
}

/**
 * Reads the parameters CreateUploadVideo and CreateUploadImage share, with the same checks for both:
 * `Description` (≤ 1024 characters), `CateId`, `Tags`, `StorageLocation` (only `bucket`), `UserData`,
 * `AppId`. A field not given is undefined (`StorageLocation` and `AppId` have defaults).
 */
export function mediaMetadata(params: RpcParams, bucket: string): MediaMetadata {
  return {
    Description: maxLength(params, 'Description', 1024),
    CateId: integer(params, 'CateId'),
    Tags: tags(params),
    StorageLocation: storageLocation(params, bucket),
    UserData: userData(params),
    AppId: appId(params),
  };
}

/** An ID-like free string (`TemplateGroupId`, `WorkflowId`): 1–64 of `[A-Za-z0-9_-]`. */
export function idLike(params: RpcParams, name: string): string | undefined {
  const value = params.get(name);
  if (value !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw invalid(name, 'is not a valid ID.');
  return value;
}
