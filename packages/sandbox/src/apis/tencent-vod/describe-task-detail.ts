import type { SandboxContext } from '../../http/api-module.js';
import { basicInfo, findMedia, metaData } from './media-record.js';
import { findProcedureTask, procedureTaskView } from './procedure-task.js';
import { findTask } from './pull-task.js';
import { VodError } from './vod-error.js';
import { VodParams } from './vod-params.js';
import { readSubAppId } from './vod-validation.js';

/**
 * DescribeTaskDetail for PullUpload tasks and procedures (TaskType `Procedure`, with `ProcedureTask`).
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
  const procedure = findProcedureTask(ctx, taskId);
  if (procedure && procedure.subAppId === subAppId) {
    return {
      TaskType: 'Procedure',
      Status: procedure.status,
      CreateTime: procedure.createTime,
      BeginProcessTime: procedure.beginProcessTime,
      FinishTime: procedure.finishTime,
      ProcedureTask: procedureTaskView(ctx, procedure),
    };
  }
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
      ProcedureTaskId: task.procedureTaskId ?? '',
      ReviewAudioVideoTaskId: '',
      SessionContext: task.sessionContext,
      SessionId: task.sessionId,
    },
  };
}
