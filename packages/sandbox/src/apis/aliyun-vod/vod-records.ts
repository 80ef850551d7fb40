import type { SandboxContext } from '../../http/api-module.js';

/**
 * A video as the sandbox's VOD keeps it. `Status` follows the cloud's lifecycle:
 * `Uploading` → `UploadSucc` (the object is complete in OSS) → `Normal` at the next read without a
 * `TemplateGroupId`/`WorkflowId` (no transcoding); with one, `Transcoding` → `Normal` or
 * `TranscodeFail`, driven by `video-processing.ts`.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/basic-data-types
 */
export interface VideoRecord {
  VideoId: string;
  Title: string;
  /** The client's file name (`FileName` of CreateUploadVideo). */
  OriginalFileName: string;
  Description?: string;
  CoverURL?: string;
  CateId?: number;
  Tags?: string;
  TemplateGroupId?: string;
  WorkflowId?: string;
  StorageLocation: string;
  UserData?: string;
  AppId: string;
  ReferenceId?: string;
  /** Size the client announced; the stored size once uploaded. */
  Size?: number;
  Status: 'Uploading' | 'UploadSucc' | 'Transcoding' | 'TranscodeFail' | 'Normal';
  /** Seconds, from the container's header once uploaded (0 when it cannot be read). */
  Duration?: number;
  /** The "transcoded" output of a processing, and the poster its snapshot made. */
  OutputKey?: string;
  OutputSize?: number;
  SnapshotKey?: string;
  /** Set once a processing started (the upload was seen whole). */
  ProcessingStarted?: boolean;
  /** The processing's transcode task (ListTranscodeTask / GetTranscodeTask). */
  TranscodeTask?: {
    TranscodeTaskId: string;
    TaskStatus: 'Processing' | 'CompleteAllSucc' | 'CompleteAllFail';
    CreationTime: string;
    CompleteTime?: string;
    ErrorCode?: string;
    ErrorMessage?: string;
  };
  CreationTime: string;
  ModificationTime: string;
  /** The object key in `ALIYUN_BUCKET`. */
  ObjectKey: string;
  /** Where the media came from when imported by URL. */
  SourceURL?: string;
}

/** An image of CreateUploadImage. */
export interface ImageRecord {
  ImageId: string;
  ImageType: 'default' | 'cover';
  Title?: string;
  Tags?: string;
  CateId?: number;
  Description?: string;
  StorageLocation: string;
  AppId: string;
  OriginalFileName?: string;
  UserData?: string;
  ObjectKey: string;
  URL: string;
  CreationTime: string;
  Status: 'Uploading' | 'Normal';
}

export const VIDEOS = 'aliyun-vod-videos';
export const IMAGES = 'aliyun-vod-images';
export const REFERENCE_IDS = 'aliyun-vod-reference-ids';
export const URL_JOBS = 'aliyun-vod-url-jobs';

/** ISO 8601 UTC without milliseconds, as VOD writes times. */
export function vodTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Reads a video and advances its status from what OSS holds: once the object exists the upload
 * succeeded; a video without processing already seen as `UploadSucc` is `Normal` (ready to play)
 * at the next read. A video with a template group or workflow advances with its processing.
 */
export async function readVideo(ctx: SandboxContext, videoId: string): Promise<VideoRecord | undefined> {
  const video = ctx.state.get<VideoRecord>(VIDEOS, videoId);
  if (!video) return undefined;
  let next = video;
  if (video.Status === 'Uploading') {
    const meta = await ctx.store.headObject(video.StorageLocation, video.ObjectKey).catch(() => undefined);
    // Read again after the await: the processing may have written the record meanwhile.
    const fresh = ctx.state.get<VideoRecord>(VIDEOS, videoId) ?? video;
    if (meta && fresh.Status === 'Uploading')
      next = { ...fresh, Status: 'UploadSucc', Size: meta.size, ModificationTime: vodTime(ctx.clock.now()) };
    else next = fresh;
  } else if (video.Status === 'UploadSucc' && !video.TemplateGroupId && !video.WorkflowId) {
    next = { ...video, Status: 'Normal', ModificationTime: vodTime(ctx.clock.now()) };
  }
  if (next !== video && next !== ctx.state.get(VIDEOS, videoId)) ctx.state.put(VIDEOS, videoId, next);
  return next;
}

/** Reads an image; `Normal` once its object exists in OSS. */
export async function readImage(ctx: SandboxContext, imageId: string): Promise<ImageRecord | undefined> {
  const image = ctx.state.get<ImageRecord>(IMAGES, imageId);
  if (!image || image.Status === 'Normal') return image;
  if (!(await ctx.store.hasObject(image.StorageLocation, image.ObjectKey))) return image;
  return ctx.state.put(IMAGES, imageId, { ...image, Status: 'Normal' as const });
}
