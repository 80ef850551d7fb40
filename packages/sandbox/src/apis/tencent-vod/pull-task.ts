import { setTimeout as delay } from 'node:timers/promises';
import type { SandboxContext } from '../../http/api-module.js';
import { fetchImportSource } from '../../import-source.js';
import { importMediaFromUrl, MediaImportError } from '../../media-import.js';
import { basicInfo, findMedia, metaData, publicUrl, saveNewMedia } from './media-record.js';
import { startProcedure } from './procedure-task.js';
import { TaskTable, type VodTaskRecord } from './task-table.js';
import { vodTime } from './vod-time.js';

/** A PullUpload task as DescribeTaskDetail reports it. Persisted: tasks survive a restart. */
export interface PullTask extends VodTaskRecord {
  mediaUrl: string;
  coverUrl: string;
  mediaType: string;
  mediaName: string;
  mediaKey: string;
  coverKey?: string;
  procedure: string;
  classId: number;
  storageRegion: string;
  expireTime?: string;
  sessionContext: string;
  sessionId: string;
  sourceContext: string;
  extInfo: string;
  subAppId: number;
  tasksPriority: number;
  /** The procedure started on the pulled media, when `Procedure` was given. */
  procedureTaskId?: string;
}

/** Tasks left unfinished by a previous process end FINISH with ErrCode 70000. */
const tasks = new TaskTable<PullTask>('tencent-pull-tasks', (task, finishTime) => ({
  ...task,
  status: 'FINISH',
  errCode: 70000,
  message: 'The task was interrupted by a sandbox restart; submit it again.',
  finishTime,
}));

export function findTask(ctx: SandboxContext, taskId: string): PullTask | undefined {
  return tasks.get(ctx, taskId);
}

/** Stores a new task (WAITING) and starts it in the background. */
export function startPullTask(ctx: SandboxContext, task: PullTask): void {
  // A short wait keeps WAITING observable, as on the cloud where tasks queue.
  tasks.start(ctx, task, () =>
    delay(100, undefined, { ref: false }).then(() => runPullTask(ctx, task.taskId)),
  );
}

async function runPullTask(ctx: SandboxContext, taskId: string): Promise<void> {
  let task = tasks.get(ctx, taskId);
  if (!task) return;
  task = tasks.save(ctx, {
    ...task,
    status: 'PROCESSING',
    beginProcessTime: vodTime(ctx.clock.now()),
    progress: 10,
  });
  const { bucket } = ctx.descriptor.tencent;
  try {
    const object = await importMediaFromUrl(ctx, task.mediaUrl, bucket, task.mediaKey);
    let coverKey: string | undefined;
    if (task.coverUrl && task.coverKey) {
      await importCover(ctx, task.coverUrl, bucket, task.coverKey);
      coverKey = task.coverKey;
    }
    const media = await saveNewMedia(ctx, object, task, coverKey);
    const procedureTaskId = task.procedure
      ? startProcedure(ctx, media, {
          procedure: task.procedure,
          sessionContext: task.sessionContext,
          sessionId: task.sessionId,
        })
      : '';
    finish(ctx, taskId, {
      errCode: 0,
      message: 'SUCCESS',
      fileId: media.fileId,
      progress: 100,
      procedureTaskId,
    });
  } catch (error) {
    const source = error instanceof MediaImportError;
    finish(ctx, taskId, {
      errCode: source ? 60000 : 70000,
      message: (error as Error).message,
      fileId: '',
      progress: 0,
    });
  }
}

function finish(
  ctx: SandboxContext,
  taskId: string,
  result: Pick<PullTask, 'errCode' | 'message' | 'fileId' | 'progress' | 'procedureTaskId'>,
): void {
  const done = tasks.finish(ctx, taskId, result);
  if (!done) return;
  const media = done.fileId ? findMedia(ctx, done.fileId) : undefined;
  ctx.events.tencent(done.subAppId, {
    EventType: 'PullComplete',
    PullCompleteEvent: {
      TaskId: done.taskId,
      Status: done.status,
      ErrCode: done.errCode,
      Message: done.message,
      FileId: done.fileId,
      MediaBasicInfo: media ? basicInfo(ctx, media) : null,
      MetaData: media ? metaData(media) : null,
      FileUrl: media ? publicUrl(ctx, media.key) : '',
      ProcedureTaskId: done.procedureTaskId ?? '',
      ReviewAudioVideoTaskId: '',
      SessionContext: done.sessionContext,
      SessionId: done.sessionId,
      Progress: done.progress,
    },
  });
}

/** Downloads a cover image (media-import refuses images, which are not media). */
async function importCover(ctx: SandboxContext, url: string, bucket: string, key: string): Promise<void> {
  const { response, body } = await fetchImportSource(ctx, url, 'the cover');
  const type = response.headers.get('content-type') ?? '';
  if (!/^image\//i.test(type)) {
    body.destroy();
    throw new MediaImportError('not_media', `The cover ${url} is not an image (Content-Type: ${type})`);
  }
  await ctx.store.putObject(bucket, key, body, { contentType: type });
}
