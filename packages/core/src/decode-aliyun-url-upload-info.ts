import { vodError } from './errors.js';
import type { FieldReader } from './field-reader.js';
import { openAliyunResult } from './open-aliyun-result.js';
import type { UrlImportStatus } from './url-import-status.js';

/**
 * `GetURLUploadInfos` job statuses by state. Download/upload steps in between are `processing`.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-geturluploadinfos
 */
const WAITING = new Set(['PENDING']);
const SUCCEEDED = new Set(['SUCCESS', 'UPLOAD_SUCCESS', 'NORMAL']);
const FAILED = new Set(['FAIL', 'FAILED', 'DOWNLOAD_FAIL', 'UPLOAD_FAIL']);
const PROCESSING = new Set(['PROCESSING', 'DOWNLOADING', 'DOWNLOAD_SUCCESS', 'UPLOADING']);

/** Options of `decodeAliyunUrlUploadInfo`. */
export interface AliyunUrlUploadInfoOptions {
  /** The job to report when the result lists several; the first otherwise. */
  jobId?: string;
}

/**
 * Decodes Alibaba VOD `GetURLUploadInfos` (`{ URLUploadInfoList: [{ JobId, Status, MediaId,
 * ErrorCode, ErrorMessage }], NonExists, RequestId }`) into a `UrlImportStatus` for one job.
 *
 * @throws `not_found` when the job is in `NonExists` or not listed; `VodDecodeError` naming the
 *   field (e.g. `URLUploadInfoList.0.Status`); or the cloud's refusal for an error envelope.
 */
export function decodeAliyunUrlUploadInfo(
  raw: unknown,
  options: AliyunUrlUploadInfoOptions = {},
): UrlImportStatus {
  const reader = openAliyunResult(raw, 'URLUploadInfoList');
  const list = reader.value('URLUploadInfoList');
  if (list !== undefined && !Array.isArray(list)) throw reader.fail('URLUploadInfoList', 'is not an array');
  const jobs = (list ?? []) as unknown[];
  const index = options.jobId === undefined ? 0 : jobs.findIndex((job) => jobIdOf(job) === options.jobId);
  if (index < 0 || index >= jobs.length) {
    throw vodError(
      'not_found',
      `The URL import job ${options.jobId ?? ''} is unknown to Alibaba VOD`.trim(),
      {
        provider: 'aliyun',
        requestId: reader.optionalString('RequestId'),
      },
    );
  }
  return statusOf(reader, `URLUploadInfoList.${index}`);
}

function statusOf(reader: FieldReader, path: string): UrlImportStatus {
  reader.object(path);
  const status = reader.string(`${path}.Status`);
  const normalized = status.toUpperCase();
  const mediaId = reader.optionalString(`${path}.MediaId`);
  if (SUCCEEDED.has(normalized)) {
    if (mediaId === undefined) throw reader.fail(`${path}.MediaId`, `is missing for status ${status}`);
    return { state: 'succeeded', mediaId };
  }
  if (FAILED.has(normalized)) {
    const failed: UrlImportStatus = { state: 'failed' };
    const cloudCode = reader.optionalString(`${path}.ErrorCode`);
    const message = reader.optionalString(`${path}.ErrorMessage`);
    if (cloudCode !== undefined) failed.cloudCode = cloudCode;
    if (message !== undefined) failed.message = message;
    return failed;
  }
  const state = WAITING.has(normalized) ? 'waiting' : PROCESSING.has(normalized) ? 'processing' : undefined;
  if (state === undefined)
    throw reader.fail(`${path}.Status`, `is ${JSON.stringify(status)}, an unknown status`);
  const pending: UrlImportStatus = { state };
  if (mediaId !== undefined) pending.mediaId = mediaId;
  return pending;
}

function jobIdOf(job: unknown): unknown {
  return typeof job === 'object' && job !== null ? (job as Record<string, unknown>).JobId : undefined;
}
