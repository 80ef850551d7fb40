import { openTencentResponse } from './decode-tencent-envelope.js';
import type { UrlImportStatus } from './url-import-status.js';

/**
 * Decodes Tencent VOD `DescribeTaskDetail` for a `PullUpload` task (`Response.Status` WAITING /
 * PROCESSING / FINISH, details in `Response.PullUploadTask`) into a `UrlImportStatus`. A FINISHed
 * task succeeded only when its `ErrCode` is 0 (40000 bad input, 60000 bad source file, 70000 internal);
 * otherwise `cloudCode` is `String(ErrCode)`, or the textual `ErrCodeExt` some task types add.
 *
 * @throws `VodDecodeError` naming the field, or the cloud's refusal for an error result.
 * @see https://cloud.tencent.com/document/api/266/33431 (DescribeTaskDetail)
 */
export function decodeTencentTask(raw: unknown): UrlImportStatus {
  const reader = openTencentResponse(raw);
  const taskType = reader.optionalString('Response.TaskType');
  if (taskType !== undefined && taskType !== 'PullUpload') {
    throw reader.fail('Response.TaskType', `is ${taskType}, not PullUpload`);
  }
  const status = reader.string('Response.Status');
  switch (status) {
    case 'WAITING':
      return { state: 'waiting' };
    case 'PROCESSING':
      return { state: 'processing' };
    case 'FINISH':
      break;
    default:
      throw reader.fail('Response.Status', `is ${JSON.stringify(status)}, not WAITING/PROCESSING/FINISH`);
  }
  reader.object('Response.PullUploadTask');
  const errCode = reader.optionalNumber('Response.PullUploadTask.ErrCode') ?? 0;
  const message = reader.optionalString('Response.PullUploadTask.Message');
  if (errCode === 0) {
    const done: UrlImportStatus = {
      state: 'succeeded',
      mediaId: reader.string('Response.PullUploadTask.FileId'),
    };
    return done;
  }
  const failed: UrlImportStatus = {
    state: 'failed',
    cloudCode: reader.optionalString('Response.PullUploadTask.ErrCodeExt') ?? String(errCode),
  };
  if (message !== undefined) failed.message = message;
  return failed;
}
