import type { SandboxContext } from '../../http/api-module.js';
import { fetchImportSource } from '../../import-source.js';
import { importMediaFromUrl, MediaImportError } from '../../media-import.js';
import { mediaDurationSeconds } from '../../processing/media-duration.js';
import {
  basicInfo,
  findMedia,
  type MediaRecord,
  mediaFrom,
  metaData,
  publicUrl,
  saveMedia,
} from './media-record.js';
import { startProcedure } from './procedure-task.js';
import { vodTime } from './vod-time.js';

/** A PullUpload task as DescribeTaskDetail reports it. Persisted: tasks survive a restart. */
export interface PullTask {
  taskId: string;
  status: 'WAITING' | 'PROCESSING' | 'FINISH';
  createTime: string;
  beginProcessTime: string;
  finishTime: string;
  /** 0 success; 60000 source file error; 70000 internal error (VOD's documented task codes). */
  errCode: number;
  message: string;
  progress: number;
  fileId: string;
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

const TASKS = 'tencent-pull-tasks';
/** Tasks whose runner lives in this process, per sandbox. Anything else unfinished was cut by a restart. */
const running = new WeakMap<SandboxContext, Set<string>>();

export function findTask(ctx: SandboxContext, taskId: string): PullTask | undefined {
  recoverInterruptedTasks(ctx);
  return ctx.state.get<PullTask>(TASKS, taskId);
}

function saveTask(ctx: SandboxContext, task: PullTask): PullTask {
  return ctx.state.put(TASKS, task.taskId, task);
}

/** Stores a new task (WAITING) and starts it in the background. */
export function startPullTask(ctx: SandboxContext, task: PullTask): void {
  recoverInterruptedTasks(ctx);
  saveTask(ctx, task);
  running.get(ctx)!.add(task.taskId);
  // A short wait keeps WAITING observable, as on the cloud where tasks queue.
  setTimeout(() => {
    runPullTask(ctx, task.taskId).finally(() => running.get(ctx)?.delete(task.taskId));
  }, 100).unref();
}

async function runPullTask(ctx: SandboxContext, taskId: string): Promise<void> {
  let task = ctx.state.get<PullTask>(TASKS, taskId);
  if (!task) return;
  task = saveTask(ctx, {
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
    const media: MediaRecord = saveMedia(
      ctx,
      mediaFrom(object, {
        name: task.mediaName,
        type: task.mediaType,
        ...(coverKey ? { coverKey } : {}),
        classId: task.classId,
        storageRegion: task.storageRegion,
        subAppId: task.subAppId,
        ...(task.expireTime ? { expireTime: task.expireTime } : {}),
        sourceType: 'Upload',
        sourceContext: task.sourceContext,
        createTime: vodTime(ctx.clock.now()),
        duration: await mediaDurationSeconds(ctx.store, bucket, task.mediaKey),
      }),
    );
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
  const task = ctx.state.get<PullTask>(TASKS, taskId);
  if (!task) return;
  const done = saveTask(ctx, { ...task, ...result, status: 'FINISH', finishTime: vodTime(ctx.clock.now()) });
  const media = done.fileId ? findMedia(ctx, done.fileId) : undefined;
  ctx.events.tencent({
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

/** Once per sandbox: tasks left unfinished by a previous process end FINISH with ErrCode 70000. */
function recoverInterruptedTasks(ctx: SandboxContext): void {
  if (running.has(ctx)) return;
  running.set(ctx, new Set());
  for (const task of ctx.state.list<PullTask>(TASKS)) {
    if (task.status !== 'FINISH') {
      saveTask(ctx, {
        ...task,
        status: 'FINISH',
        errCode: 70000,
        message: 'The task was interrupted by a sandbox restart; submit it again.',
        finishTime: vodTime(ctx.clock.now()),
      });
    }
  }
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
