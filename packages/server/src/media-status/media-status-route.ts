import { type MediaStatus, type ProviderKey, vodError } from '@vod-uploader/core';
import { z } from 'zod';
import type { AliyunProvider } from '../aliyun/aliyun-provider.js';
import { compact } from '../cloud/compact.js';
import type { Providers } from '../config/handler-services.js';
import { parseWith } from '../http/parse-with.js';
import type { ProviderRoute } from '../http/route-context.js';
import { aliyunReadyFields, aliyunTranscodeFailure } from '../media-events/aliyun-media-events.js';
import {
  obj,
  procedureFailure,
  stageOf,
  str,
  tencentReadyFields,
} from '../media-events/tencent-media-events.js';
import { expectMediaTicket, providerNamedBy, type TicketClaims } from '../ownership/upload-tickets.js';
import type { S3Provider } from '../s3/s3-provider.js';
import type { TencentProvider } from '../tencent/tencent-provider.js';

const mediaStatusSchema = z.strictObject({ ticket: z.string().min(1).max(4096) });

/** How each provider reads a finished upload's status, given that provider's side. */
const STATUS_READERS: {
  readonly [K in ProviderKey]: (
    claims: TicketClaims,
    provider: NonNullable<Providers[K]>,
  ) => Promise<MediaStatus>;
} = {
  tencent: tencentStatus,
  aliyun: aliyunStatus,
  s3: s3Status,
};

/**
 * `POST /media/status` `{ ticket }` → `MediaStatus`: where the cloud's processing of an uploaded
 * media stands, read from the cloud on every call. A route of the handler as a whole, not of one
 * provider: it gets every configured provider and serves the one its ticket names (404 when that
 * one is not configured). The ticket is the finish answer's `media` ticket, opened for this caller
 * (another caller's is 403 `forbidden`, before any cloud call). Tencent: the media's procedure (the
 * ticket's `taskId`, else the newest of DescribeTasks) — WAITING/PROCESSING → `processing` with its
 * stage, FINISH → `failed` with the subtask's message or `ready` with DescribeMediaInfos' transcode
 * URL, cover and duration; no procedure → `ready` as uploaded. Alibaba: GetVideoInfo's `Status`
 * (`Normal` → GetPlayInfo; `TranscodeFail` → the failed job's message from ListTranscodeTask +
 * GetTranscodeTask). S3: `ready`, `playUrl` a presigned GET.
 */
export const mediaStatusRoute: ProviderRoute<Providers> = async (context, providers) => {
  const body = parseWith(mediaStatusSchema, await context.body());
  const provider = providerNamedBy(body.ticket);
  const claims = context.openTicket(body.ticket, provider);
  expectMediaTicket(claims, provider);
  return readStatus(provider, claims, providers);
};

function readStatus<K extends ProviderKey>(
  provider: K,
  claims: TicketClaims,
  providers: Providers,
): Promise<MediaStatus> {
  const side = providers[provider];
  if (!side) throw vodError('not_found', `${provider} is not configured`, { provider });
  return STATUS_READERS[provider](claims, side);
}

async function tencentStatus(claims: TicketClaims, tencent: TencentProvider): Promise<MediaStatus> {
  const fileId = claims.id;
  const subAppId = claims.subAppId ?? tencent.config.subAppId;
  const reader = { cloud: tencent.cloud, subAppId };
  let taskId = claims.taskId;
  if (!taskId) {
    const tasks = await tencent.cloud.call(
      'DescribeTasks',
      compact({ FileId: fileId, Limit: 1, SubAppId: subAppId }),
    );
    const newest = Array.isArray(tasks.TaskSet) ? obj(tasks.TaskSet[0]) : {};
    taskId = newest.TaskType === 'Procedure' ? str(newest.TaskId) : undefined;
  }
  if (taskId) {
    const detail = await tencent.cloud.call(
      'DescribeTaskDetail',
      compact({ TaskId: taskId, SubAppId: subAppId }),
    );
    const task = obj(detail.ProcedureTask);
    if (detail.Status !== 'FINISH') return { state: 'processing', mediaId: fileId, stage: stageOf(detail) };
    const failure = procedureFailure(task);
    if (failure) return { state: 'failed', mediaId: fileId, reason: failure.reason, cloudCode: failure.code };
  }
  const ready = await tencentReadyFields(reader, fileId);
  if (!ready) throw vodError('not_found', 'ticket: the media no longer exists', { provider: 'tencent' });
  return readyStatus(fileId, ready);
}

async function aliyunStatus(claims: TicketClaims, aliyun: AliyunProvider): Promise<MediaStatus> {
  const videoId = claims.id;
  const info = await aliyun.cloud.call('GetVideoInfo', { VideoId: videoId });
  const video = obj(info.Video);
  const status = str(video.Status);
  switch (status) {
    case 'Normal':
      return readyStatus(videoId, (await aliyunReadyFields(aliyun.cloud, videoId, true)) ?? { playUrls: [] });
    case 'TranscodeFail': {
      const failure = await aliyunTranscodeFailure(aliyun.cloud, videoId);
      return {
        state: 'failed',
        mediaId: videoId,
        reason: failure?.reason || 'The cloud could not transcode the video.',
        cloudCode: failure?.code || 'TranscodeFail',
      };
    }
    case 'UploadFail':
    case 'Blocked':
      return { state: 'failed', mediaId: videoId, reason: `The video is ${status}.`, cloudCode: status };
    case 'UploadSucc': {
      // Without a template group the video needs no transcoding: playable as soon as GetPlayInfo says.
      const ready = str(video.TemplateGroupId)
        ? undefined
        : await aliyunReadyFields(aliyun.cloud, videoId, false);
      return ready ? readyStatus(videoId, ready) : { state: 'processing', mediaId: videoId, stage: 'queued' };
    }
    default:
      return {
        state: 'processing',
        mediaId: videoId,
        stage: status === 'Transcoding' ? 'transcoding' : status === 'Checking' ? 'review' : 'queued',
      };
  }
}

/** S3 does no processing: a completed object is ready, playable through a presigned GET. */
async function s3Status(claims: TicketClaims, s3: S3Provider): Promise<MediaStatus> {
  const playUrl = await s3.cloud.presign(
    { kind: 'getObject', key: claims.id },
    s3.config.presignExpiresSeconds,
  );
  return { state: 'ready', mediaId: claims.id, playUrl };
}

function readyStatus(
  mediaId: string,
  ready: { playUrls: string[]; posterUrl?: string; durationSeconds?: number },
): MediaStatus {
  return {
    state: 'ready',
    mediaId,
    ...(ready.playUrls[0] ? { playUrl: ready.playUrls[0] } : {}),
    ...(ready.posterUrl ? { posterUrl: ready.posterUrl } : {}),
    ...(ready.durationSeconds ? { durationSeconds: ready.durationSeconds } : {}),
  };
}
