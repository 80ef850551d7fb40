import type { AliyunCloud } from '../aliyun/aliyun-cloud.js';
import type { SharedStore } from '../store/shared-store.js';
import { rememberedOwner, rememberOwner } from './media-owners.js';
import { obj, str } from './tencent-media-events.js';

/** What the owner of a callback's video is found with. */
export interface AliyunOwnerReader {
  cloud: AliyunCloud;
  /** The handler's store, where the routes recorded the owners. */
  store: SharedStore;
}

/** The owner id under which /aliyun/url-import records the caller of a job (its VideoId comes later). */
export function importJobOwnerId(jobId: string): string {
  return `job:${jobId}`;
}

/**
 * The caller of a callback's video: the owner the endpoint recorded when it had the cloud create the
 * video (/aliyun/create-upload-video, or the status route of a finished import), else — for an
 * import's callback (`UploadByURLComplete`) naming its `JobId` — the job's recorded caller once
 * GetURLUploadInfos confirms that job made this video. Undefined for a video the endpoint never
 * issued. Nothing in the body is believed: the signature does not cover it, and a sealed caller in
 * `Extend` could be anyone's, pasted beside another's VideoId. So a callback whose `Extend` names
 * someone else is still delivered, under the recorded owner: its events are the cloud's re-read
 * (true), only its claim of an owner was not, and dropping it would protect nothing.
 * @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-geturluploadinfos
 */
export async function aliyunCallbackOwner(
  callback: Record<string, unknown>,
  videoId: string,
  reader: AliyunOwnerReader,
): Promise<string | undefined> {
  const recorded = await rememberedOwner(reader.store, 'aliyun', videoId);
  if (recorded) return recorded;
  const jobId = str(callback.JobId);
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(jobId)) return undefined;
  const jobOwner = await rememberedOwner(reader.store, 'aliyun', importJobOwnerId(jobId));
  if (!jobOwner) return undefined;
  const info = await reader.cloud.call('GetURLUploadInfos', { JobIds: jobId });
  const jobs = Array.isArray(info.URLUploadInfoList) ? info.URLUploadInfoList : [];
  if (!jobs.some((job) => str(obj(job).JobId) === jobId && str(obj(job).MediaId) === videoId)) {
    return undefined;
  }
  await rememberOwner(reader.store, 'aliyun', videoId, jobOwner);
  return jobOwner;
}
