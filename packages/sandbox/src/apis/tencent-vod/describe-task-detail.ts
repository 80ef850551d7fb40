import type { SandboxContext } from '../../http/api-module.js';
import { basicInfo, findMedia, metaData } from './media-record.js';
import { findTask } from './pull-task.js';
import { VodError } from './vod-error.js';
import { VodParams } from './vod-params.js';
import { readSubAppId } from './vod-validation.js';

/**
 * DescribeTaskDetail for PullUpload tasks (the only task type the sandbox runs).
 * An unknown TaskId answers `ResourceNotFound.TaskNotExist` (the sandbox's choice).
 * @see https://www.tencentcloud.com/document/product/266/33431
 */
export function describeTaskDetail(
  raw: Record<string, unknown>,
  ctx: SandboxContext,
): Record<string, unknown> {
  const params = new VodParams(raw, ['TaskId', 'SubAppId']);
  const taskId = params.string('TaskId', { required: true });
  const subAppId = readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  const task = findTask(ctx, taskId);
  if (!task || task.subAppId !== subAppId) {
    throw new VodError('ResourceNotFound.TaskNotExist', `The task ${taskId} does not exist.`);
  }
  const media = task.fileId ? findMedia(ctx, task.fileId) : undefined;
  return {
    TaskType: 'PullUpload',
    Status: task.status,
    CreateTime: task.createTime,
    BeginProcessTime: task.beginProcessTime,
    FinishTime: task.finishTime,
    PullUploadTask: {
      TaskId: task.taskId,
      Status: task.status,
      ErrCode: task.errCode,
      Message: task.message,
      Progress: task.progress,
      FileId: task.fileId,
      FileUrl: media ? (basicInfo(ctx, media).MediaUrl as string) : '',
      MediaBasicInfo: media ? basicInfo(ctx, media) : null,
      MetaData: media ? metaData(media) : null,
      ProcedureTaskId: '',
      ReviewAudioVideoTaskId: '',
      SessionContext: task.sessionContext,
      SessionId: task.sessionId,
    },
  };
}
