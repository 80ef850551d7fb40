import type { AliyunCloud } from '../aliyun/aliyun-cloud.js';
import { CloudCallError } from '../cloud/cloud-call-error.js';
import type { ResolvedPolicy } from '../policy/upload-policy.js';
import { type AliyunOwnerReader, aliyunCallbackOwner } from './aliyun-callback-owner.js';
import type { MediaEvent, MediaEventDraft } from './media-event.js';
import { oversizedMediaFailure } from './oversized-media-failure.js';
import { obj, str } from './tencent-media-events.js';

/** Video states after the bytes are in. */
const UPLOADED = new Set(['UploadSucc', 'Transcoding', 'TranscodeFail', 'Checking', 'Blocked', 'Normal']);
/** Callbacks that report a transcode's outcome (their `ErrorMessage` is the reason of a failure). */
const TRANSCODE_CALLBACKS = new Set(['StreamTranscodeComplete', 'TranscodeComplete']);

/** What the Alibaba normaliser reads with: the owner's reader and the handler's policy. */
export interface AliyunEventReader extends AliyunOwnerReader {
  /** A video of this endpoint stored over its `maxFileSize` is deleted. */
  policy: ResolvedPolicy;
}

/**
 * The media events one Alibaba callback stands for, from a re-read of the video (the callback's
 * body is not signed): `media.uploaded` once the bytes are in; `media.processing` while
 * `Transcoding`/`Checking` (or `UploadSucc` with a template group); `media.ready` when `Normal`
 * (GetPlayInfo's URLs, cover and duration) — also for an `UploadSucc` video without a template that
 * GetPlayInfo can already play; `media.failed` for `TranscodeFail`, with the failed job's reason
 * from the cloud (ListTranscodeTask + GetTranscodeTask), the callback's `ErrorMessage` only when the
 * key may not read the jobs. The caller is the video's recorded owner
 * (`aliyunCallbackOwner`), none for a video the endpoint never issued. A video of an owner whose
 * `Size` is over the policy's `maxFileSize` (its complete never called, or an import no one polled)
 * is deleted and is only `media.failed` (`code: 'policy_refused'`), as `/aliyun/complete` and the
 * import's status route refuse it; a video the endpoint never issued is not its policy's to delete.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-getvideoinfo
 */
export async function aliyunMediaEvents(
  callback: Record<string, unknown>,
  reader: AliyunEventReader,
): Promise<MediaEventDraft[]> {
  const videoId = str(callback.VideoId);
  if (!videoId) return [];
  const info = await reader.cloud.call('GetVideoInfo', { VideoId: videoId });
  const video = obj(info.Video);
  const status = str(video.Status);
  const callerId = await aliyunCallbackOwner(callback, videoId, reader);
  const base = { provider: 'aliyun' as const, mediaId: videoId, callerId, raw: { callback, video } };
  const drafts: MediaEventDraft[] = [];
  if (!UPLOADED.has(status)) return drafts;
  const refusal = await oversizedMediaFailure(
    reader.policy,
    'aliyun',
    callerId,
    { size: video.Size, via: callback.EventType === 'UploadByURLComplete' ? 'import' : 'upload' },
    () => reader.cloud.call('DeleteVideo', { VideoIds: videoId }),
  );
  if (refusal) return [{ ...base, id: id(videoId, 'media.failed'), type: 'media.failed', ...refusal }];
  drafts.push({ ...base, id: id(videoId, 'media.uploaded'), type: 'media.uploaded' });
  if (status === 'TranscodeFail') {
    // The cloud's own record of the failed job first: the callback's body is not signed.
    const fromCloud = await aliyunTranscodeFailure(reader.cloud, videoId);
    const fromCallback = TRANSCODE_CALLBACKS.has(str(callback.EventType)) && callback.Status === 'fail';
    drafts.push({
      ...base,
      id: id(videoId, 'media.failed'),
      type: 'media.failed',
      reason:
        fromCloud?.reason ||
        (fromCallback && str(callback.ErrorMessage)) ||
        'The cloud could not transcode the video.',
      cloudCode: fromCloud?.code || (fromCallback && str(callback.ErrorCode)) || 'TranscodeFail',
    });
    return drafts;
  }
  const templated = Boolean(str(video.TemplateGroupId));
  if (status === 'Normal' || (status === 'UploadSucc' && !templated)) {
    const ready = await aliyunReadyFields(reader.cloud, videoId, status === 'Normal');
    if (ready) {
      drafts.push({ ...base, id: id(videoId, 'media.ready'), type: 'media.ready', ...ready });
      return drafts;
    }
  }
  if (status !== 'Normal') {
    const stage = status === 'Transcoding' ? 'transcoding' : status === 'Checking' ? 'review' : 'queued';
    drafts.push({ ...base, id: id(videoId, 'media.processing'), type: 'media.processing', stage });
  }
  return drafts;
}

/**
 * GetPlayInfo's playable URLs, `VideoBase.CoverURL` and `Duration`, or undefined when the video has
 * no stream yet (`InvalidVideo.NoneStream`). `required` rethrows other failures.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-getplayinfo
 */
export async function aliyunReadyFields(
  cloud: AliyunCloud,
  videoId: string,
  required: boolean,
): Promise<{ playUrls: string[]; posterUrl?: string; durationSeconds?: number } | undefined> {
  let play: Record<string, unknown>;
  try {
    play = await cloud.call('GetPlayInfo', { VideoId: videoId });
  } catch (error) {
    if (
      !required ||
      (error instanceof CloudCallError && error.details.cloudCode === 'InvalidVideo.NoneStream')
    )
      return undefined;
    throw error;
  }
  const list = obj(play.PlayInfoList).PlayInfo;
  const urls = (Array.isArray(list) ? list : []).map((item) => str(obj(item).PlayURL)).filter(Boolean);
  if (urls.length === 0) return undefined;
  const base = obj(play.VideoBase);
  const duration = Number(base.Duration) || 0;
  const poster = str(base.CoverURL);
  return {
    playUrls: urls,
    ...(poster ? { posterUrl: poster } : {}),
    ...(duration > 0 ? { durationSeconds: duration } : {}),
  };
}

/**
 * Why the video's newest transcode failed: the first failed job of GetTranscodeTask (ErrorCode,
 * ErrorMessage). Best effort: undefined for a key without these permissions.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-gettranscodetask
 */
export async function aliyunTranscodeFailure(
  cloud: AliyunCloud,
  videoId: string,
): Promise<{ reason: string; code: string } | undefined> {
  try {
    const tasks = await cloud.call('ListTranscodeTask', { VideoId: videoId });
    const list = Array.isArray(tasks.TranscodeTaskList) ? tasks.TranscodeTaskList.map(obj) : [];
    const newest = list.sort((a, b) => str(b.CreationTime).localeCompare(str(a.CreationTime)))[0];
    if (!newest?.TranscodeTaskId) return undefined;
    const detail = await cloud.call('GetTranscodeTask', {
      TranscodeTaskId: str(newest.TranscodeTaskId),
    });
    const jobs = obj(detail.TranscodeTask).TranscodeJobInfoList;
    const failed = (Array.isArray(jobs) ? jobs.map(obj) : []).find(
      (job) => job.TranscodeJobStatus === 'TranscodeFail',
    );
    return failed ? { reason: str(failed.ErrorMessage), code: str(failed.ErrorCode) } : undefined;
  } catch {
    return undefined;
  }
}

function id(videoId: string, type: MediaEvent['type']): string {
  return `aliyun:${videoId}:${type}`;
}
