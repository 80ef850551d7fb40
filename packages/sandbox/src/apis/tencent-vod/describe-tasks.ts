import type { SandboxContext } from '../../http/api-module.js';
import { procedureTasks } from './procedure-task.js';
import { VodError } from './vod-error.js';
import { VodParams } from './vod-params.js';
import { readSubAppId } from './vod-validation.js';

/**
 * The task states of `TaskSimpleInfo.Status`. The sandbox never aborts a task, so `ABORTED` filters
 * every task out.
 * @see https://www.tencentcloud.com/document/api/266/31773#TaskSimpleInfo
 */
const STATUSES = new Set(['WAITING', 'PROCESSING', 'FINISH', 'ABORTED']);
/** DescribeTasks lists the tasks of the last three days. */
const LISTED_FOR_MS = 3 * 24 * 3600 * 1000;

/**
 * DescribeTasks: the application's (`SubAppId`) procedure tasks created in the last three days
 * (sandbox clock), filtered by `FileId` and `Status` when given, newest first (`Sort` `Desc`)
 * unless `Sort.Order` is `Asc`, at most `Limit` (1–100, default 10). Time filters and `ScrollToken`
 * paging are accepted and ignored (the sandbox holds few tasks).
 * @see https://www.tencentcloud.com/document/api/266/33484
 */
export function describeTasks(raw: Record<string, unknown>, ctx: SandboxContext): Record<string, unknown> {
  const params = new VodParams(raw, [
    'Status',
    'FileId',
    'CreateTime',
    'FinishTime',
    'Sort',
    'Limit',
    'ScrollToken',
    'SubAppId',
  ]);
  const status = params.string('Status');
  if (status !== undefined && !STATUSES.has(status)) {
    throw new VodError(
      'InvalidParameterValue.Status',
      'Status must be WAITING, PROCESSING, FINISH or ABORTED.',
    );
  }
  const fileId = params.string('FileId');
  params.string('ScrollToken');
  const limit = params.integer('Limit', 1, 100) ?? 10;
  const subAppId = readSubAppId(params, ctx.descriptor.tencent.subAppIds);
  const sort = raw.Sort as { Order?: unknown } | undefined;
  const since = ctx.clock.now() - LISTED_FOR_MS;
  const tasks = procedureTasks(ctx)
    .filter(
      (task) =>
        task.subAppId === subAppId &&
        Date.parse(task.createTime) >= since &&
        (fileId === undefined || task.fileId === fileId) &&
        (status === undefined || task.status === status),
    )
    .sort((a, b) => a.createTime.localeCompare(b.createTime));
  if (sort?.Order !== 'Asc') tasks.reverse();
  return {
    TaskSet: tasks.slice(0, limit).map((task) => ({
      TaskId: task.taskId,
      TaskType: 'Procedure',
      Status: task.status,
      CreateTime: task.createTime,
      BeginProcessTime: task.beginProcessTime,
      FinishTime: task.finishTime,
      SubTaskTypes: ['Transcode', 'CoverBySnapshot'],
    })),
    ScrollToken: '',
  };
}
