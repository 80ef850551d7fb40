import { randomInt } from 'node:crypto';
import type { SandboxContext } from '../../http/api-module.js';
import { mediaDurationSeconds } from '../../processing/media-duration.js';
import type { ObjectMeta } from '../../store/object-store.js';
import { vodTime } from './vod-time.js';
import { mediaCategory } from './vod-validation.js';

/** A media file in the sandbox's VOD library. */
export interface MediaRecord {
  fileId: string;
  name: string;
  /** Extension, e.g. `mp4`. */
  type: string;
  key: string;
  coverKey?: string;
  classId: number;
  storageRegion: string;
  subAppId: number;
  expireTime?: string;
  sourceType: 'Upload' | 'Record' | 'Pull';
  sourceContext: string;
  size: number;
  md5: string;
  contentType: string;
  createTime: string;
  /** Seconds, read from the container's header at commit (0 when it cannot be read). */
  duration?: number;
  /** The cover a procedure's snapshot made (the uploaded cover, or a generated PNG). */
  posterKey?: string;
  /** The outputs of a finished procedure (`TranscodeInfo.TranscodeSet`). */
  transcodes?: Array<{ definition: number; key: string; size: number; duration: number; md5: string }>;
}

const MEDIA = 'tencent-media';

/** FileIds are numeric strings (e.g. `5285890784246869930`). */
export function newFileId(): string {
  return `5285890${String(randomInt(0, 1e12)).padStart(12, '0')}`;
}

export function saveMedia(ctx: SandboxContext, media: MediaRecord): MediaRecord {
  return ctx.state.put(MEDIA, media.fileId, media);
}

export function findMedia(ctx: SandboxContext, fileId: string): MediaRecord | undefined {
  return ctx.state.get<MediaRecord>(MEDIA, fileId);
}

export function deleteMediaRecord(ctx: SandboxContext, fileId: string): void {
  ctx.state.delete(MEDIA, fileId);
}

/** The public URL of an object of the VOD bucket on the sandbox (anonymous GET works: VOD URLs are public). */
export function publicUrl(ctx: SandboxContext, key: string | undefined): string {
  if (!key) return '';
  const path = key.split('/').map(encodeURIComponent).join('/');
  return `${ctx.descriptor.url}/${ctx.descriptor.tencent.bucket}/${path}`;
}

/**
 * What a new media inherits from what brought it in: an ApplyUpload session (on CommitUpload) or a
 * PullUpload task (once pulled).
 */
export interface MediaOrigin {
  mediaName: string;
  mediaType: string;
  /** The object the media is, in the VOD bucket. */
  mediaKey: string;
  classId: number;
  storageRegion: string;
  subAppId: number;
  expireTime?: string;
  sourceContext: string;
}

/**
 * Records the stored `object` as a new media under a new FileId, with its origin's fields, the cover
 * when there is one, and the duration read from the container.
 */
export async function saveNewMedia(
  ctx: SandboxContext,
  object: ObjectMeta,
  origin: MediaOrigin,
  coverKey: string | undefined,
): Promise<MediaRecord> {
  return saveMedia(ctx, {
    name: origin.mediaName,
    type: origin.mediaType,
    ...(coverKey ? { coverKey } : {}),
    classId: origin.classId,
    storageRegion: origin.storageRegion,
    subAppId: origin.subAppId,
    ...(origin.expireTime ? { expireTime: origin.expireTime } : {}),
    sourceType: 'Upload',
    sourceContext: origin.sourceContext,
    createTime: vodTime(ctx.clock.now()),
    duration: await mediaDurationSeconds(ctx.store, ctx.descriptor.tencent.bucket, origin.mediaKey),
    fileId: newFileId(),
    key: object.key,
    size: object.size,
    md5: object.etag.replace(/"/g, ''),
    contentType: object.contentType,
  });
}

/** `BasicInfo` of `DescribeMediaInfos`/`MediaBasicInfo` of task details, in the cloud's field names. */
export function basicInfo(ctx: SandboxContext, media: MediaRecord): Record<string, unknown> {
  return {
    Name: media.name,
    Description: '',
    CreateTime: media.createTime,
    UpdateTime: media.createTime,
    ExpireTime: media.expireTime ?? '9999-12-31T23:59:59Z',
    ClassId: media.classId,
    ClassName: media.classId === 0 ? '其他' : `class-${media.classId}`,
    ClassPath: '',
    CoverUrl: publicUrl(ctx, media.coverKey ?? media.posterKey),
    Type: media.type.toUpperCase(),
    MediaUrl: publicUrl(ctx, media.key),
    StoragePath: `/${media.key}`,
    SourceInfo: { SourceType: media.sourceType, SourceContext: media.sourceContext },
    StorageRegion: media.storageRegion,
    TagSet: [],
    Vid: '',
    Category: mediaCategory(media.type),
    Status: 'Normal',
    StorageClass: 'STANDARD',
  };
}

/**
 * `MetaData` of `DescribeMediaInfos`: the sandbox does not probe streams, so only size, type and the
 * container's duration (MP4 `mvhd`) are real.
 */
export function metaData(media: MediaRecord): Record<string, unknown> {
  return {
    Size: media.size,
    Container: media.type,
    Md5: media.md5,
    Bitrate: 0,
    Height: 0,
    Width: 0,
    Duration: media.duration ?? 0,
    Rotate: 0,
    VideoStreamSet: [],
    AudioStreamSet: [],
    VideoDuration: media.duration ?? 0,
    AudioDuration: 0,
  };
}
