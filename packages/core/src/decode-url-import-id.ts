import { vodError } from './errors.js';

/**
 * The id to follow a URL import by: Tencent `PullUpload`'s `Response.TaskId`, or the `JobId` of the
 * one job Alibaba `UploadMediaByURL` answers (`UploadJobs[0].JobId`).
 * @throws `decode_failed` naming the field when the answer does not hold it.
 * @see https://cloud.tencent.com/document/api/266/35575 (PullUpload)
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-uploadmediabyurl
 */
export function decodeUrlImportId(provider: 'tencent' | 'aliyun', raw: unknown): string {
  const field = provider === 'tencent' ? 'Response.TaskId' : 'UploadJobs.0.JobId';
  let value: unknown = raw;
  for (const segment of field.split('.')) {
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined;
  }
  if (typeof value === 'string' && value !== '') return value;
  throw vodError('decode_failed', `${field}: is missing or not a string`, { provider, field });
}
