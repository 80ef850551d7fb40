import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { SandboxContext } from '../../http/api-module.js';
import { mediaDurationSeconds } from '../../processing/media-duration.js';
import { posterPng } from '../../processing/poster-png.js';
import type { ObjectMeta } from '../../store/object-store.js';
import { VIDEOS, type VideoRecord, vodTime } from './vod-records.js';

/** The public URL of an object of the (public-read) VOD bucket. */
export function aliyunObjectUrl(ctx: SandboxContext, bucket: string, key: string): string {
  return `${ctx.descriptor.aliyun.ossEndpoint}/${bucket}/${key}`;
}

/**
 * Told by the object store after every stored object: when it is a video's source object still
 * `Uploading`, the upload succeeded — `UploadSucc`, a `FileUploadComplete` callback (Alibaba sends
 * none for a failed upload), and with a `TemplateGroupId`/`WorkflowId` the processing starts.
 */
export function objectStored(ctx: SandboxContext, meta: ObjectMeta): void {
  const video = ctx.state
    .list<VideoRecord>(VIDEOS)
    .find((v) => v.ObjectKey === meta.key && v.StorageLocation === meta.bucket);
  if (!video || video.ProcessingStarted) return;
  uploaded(ctx, video.VideoId, meta).catch(() => undefined);
}

async function uploaded(ctx: SandboxContext, videoId: string, meta: ObjectMeta): Promise<void> {
  const duration = await mediaDurationSeconds(ctx.store, meta.bucket, meta.key);
  const video = ctx.state.get<VideoRecord>(VIDEOS, videoId);
  if (!video || video.ProcessingStarted) return;
  const processed = Boolean(video.TemplateGroupId || video.WorkflowId);
  const next: VideoRecord = {
    ...video,
    // Without processing the status keeps advancing read by read (UploadSucc, then Normal).
    Status: processed && video.Status === 'Uploading' ? 'UploadSucc' : video.Status,
    Size: meta.size,
    Duration: duration,
    ProcessingStarted: true,
    ModificationTime: vodTime(ctx.clock.now()),
  };
  ctx.state.put(VIDEOS, videoId, next);
  callback(ctx, next, 'FileUploadComplete', {
    Status: 'success',
    Size: meta.size,
    FileUrl: aliyunObjectUrl(ctx, meta.bucket, meta.key),
  });
  if (processed) await process(ctx, videoId);
}

/**
 * Three stages of `processing.stageMs`: queued (`UploadSucc`), `Transcoding` (the output is the
 * source bytes under `transcoded/…`; `StreamTranscodeComplete`), snapshot (the poster: the video's
 * `CoverURL` stays when set, else a generated PNG; `SnapshotComplete`); then `Normal` and
 * `TranscodeComplete`. The `failTranscode` fault ends it `TranscodeFail` with both transcode
 * callbacks `fail`.
 */
async function process(ctx: SandboxContext, videoId: string): Promise<void> {
  const stageMs = ctx.options.processing.stageMs ?? 1000;
  const failure = ctx.faults.takeTranscodeFailure();
  const update = (change: Partial<VideoRecord>): VideoRecord | undefined => {
    const video = ctx.state.get<VideoRecord>(VIDEOS, videoId);
    if (!video) return undefined;
    return ctx.state.put(VIDEOS, videoId, {
      ...video,
      ...change,
      ModificationTime: vodTime(ctx.clock.now()),
    });
  };
  await sleep(stageMs);
  const task = {
    TranscodeTaskId: randomBytes(16).toString('hex'),
    TaskStatus: 'Processing' as const,
    CreationTime: vodTime(ctx.clock.now()),
  };
  let video = update({ Status: 'Transcoding', TranscodeTask: task });
  if (!video) return;
  await sleep(stageMs);
  if (failure) {
    video = update({
      Status: 'TranscodeFail',
      TranscodeTask: {
        ...task,
        TaskStatus: 'CompleteAllFail',
        CompleteTime: vodTime(ctx.clock.now()),
        ErrorCode: failure.code,
        ErrorMessage: failure.reason,
      },
    });
    if (!video) return;
    const error = { Status: 'fail', ErrorCode: failure.code, ErrorMessage: failure.reason };
    callback(ctx, video, 'StreamTranscodeComplete', { ...error, Definition: 'SD', Format: 'mp4' });
    callback(ctx, video, 'TranscodeComplete', { ...error, StreamInfos: [] });
    return;
  }
  const outputKey = `transcoded/${videoId}/${videoId}-sd.mp4`;
  const source = await ctx.store.getObject(video.StorageLocation, video.ObjectKey);
  const output = await ctx.store.putObject(video.StorageLocation, outputKey, source.body, {
    contentType: source.meta.contentType,
  });
  video = update({
    OutputKey: outputKey,
    OutputSize: output.size,
    TranscodeTask: { ...task, TaskStatus: 'CompleteAllSucc', CompleteTime: vodTime(ctx.clock.now()) },
  });
  if (!video) return;
  const stream = streamInfo(ctx, video);
  callback(ctx, video, 'StreamTranscodeComplete', { Status: 'success', ...stream });
  await sleep(stageMs);
  let coverUrl = video.CoverURL;
  if (!coverUrl) {
    const snapshotKey = `snapshot/${videoId}/${videoId}-00001.png`;
    await ctx.store.putObject(video.StorageLocation, snapshotKey, Readable.from([posterPng()]), {
      contentType: 'image/png',
    });
    coverUrl = aliyunObjectUrl(ctx, video.StorageLocation, snapshotKey);
    video = update({ SnapshotKey: snapshotKey, CoverURL: coverUrl });
    if (!video) return;
  }
  callback(ctx, video, 'SnapshotComplete', {
    Status: 'success',
    CoverUrl: coverUrl,
    SnapshotType: 'CoverSnapshot',
  });
  video = update({ Status: 'Normal' });
  if (!video) return;
  callback(ctx, video, 'TranscodeComplete', {
    Status: 'success',
    StreamInfos: [{ Status: 'success', ...stream }],
  });
}

/** One stream of `StreamTranscodeComplete` / `TranscodeComplete.StreamInfos`, in Alibaba's names. */
function streamInfo(ctx: SandboxContext, video: VideoRecord): Record<string, unknown> {
  return {
    Definition: 'SD',
    Format: 'mp4',
    Duration: video.Duration ?? 0,
    Size: video.OutputSize ?? 0,
    FileUrl: video.OutputKey ? aliyunObjectUrl(ctx, video.StorageLocation, video.OutputKey) : '',
    Encrypt: false,
    Bitrate: 0,
    Fps: 0,
    Height: 0,
    Width: 0,
  };
}

/**
 * POSTs one Alibaba event callback: `EventTime`, `EventType`, `VideoId`, the fields given, and
 * `Extend` — the `Extend` of the video's `UserData`, as JSON text when it is an object.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/event-notification
 */
/** POSTs an Alibaba HTTP callback about `video`, with its `UserData`'s `Extend`, as the cloud does. */
export function callback(
  ctx: SandboxContext,
  video: Pick<VideoRecord, 'VideoId' | 'UserData'>,
  eventType: string,
  fields: Record<string, unknown>,
): void {
  const extend = extendOf(video.UserData);
  ctx.events.aliyun({
    EventTime: vodTime(ctx.clock.now()),
    EventType: eventType,
    VideoId: video.VideoId,
    ...fields,
    ...(extend !== undefined ? { Extend: extend } : {}),
  });
}

function extendOf(userData: string | undefined): string | undefined {
  if (!userData) return undefined;
  try {
    const extend = (JSON.parse(userData) as { Extend?: unknown }).Extend;
    if (extend === undefined || extend === null) return undefined;
    return typeof extend === 'string' ? extend : JSON.stringify(extend);
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
