import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { SandboxContext } from '../../http/api-module.js';
import { posterPng } from '../../processing/poster-png.js';
import { basicInfo, findMedia, type MediaRecord, metaData, publicUrl, saveMedia } from './media-record.js';
import { TaskTable, type VodTaskRecord } from './task-table.js';
import { vodTime } from './vod-time.js';

/** A procedure (task flow) run on a media, as DescribeTaskDetail (TaskType `Procedure`) reports it. */
export interface ProcedureTaskRecord extends VodTaskRecord {
  /** The extended code of the failed subtask, e.g. `SourceFileError` (ErrCode 60000: the `failTranscode` fault). */
  errCodeExt: string;
  procedure: string;
  sessionContext: string;
  sessionId: string;
  subAppId: number;
  /** Where the run is: queued, transcoding, taking the cover snapshot, done. */
  stage: 'queued' | 'transcoding' | 'snapshot' | 'done';
}

/** Procedures cut by a restart end FINISH with ErrCode 70000. */
const tasks = new TaskTable<ProcedureTaskRecord>('tencent-procedure-tasks', (task, finishTime) => ({
  ...task,
  status: 'FINISH',
  stage: 'done',
  errCode: 70000,
  errCodeExt: 'InternalError',
  message: 'The task was interrupted by a sandbox restart.',
  finishTime,
}));
/** The transcoding template the sandbox "applies" (VOD's preset MP4, 720p). */
const TRANSCODE_DEFINITION = 100030;

export function findProcedureTask(ctx: SandboxContext, taskId: string): ProcedureTaskRecord | undefined {
  return tasks.get(ctx, taskId);
}

/** Every procedure task of every application (DescribeTasks filters them). */
export function procedureTasks(ctx: SandboxContext): ProcedureTaskRecord[] {
  return tasks.list(ctx);
}

/**
 * Starts the procedure `procedure` on a media that was just committed or pulled, and returns its
 * TaskId. Three stages of `processing.stageMs` each: queued (WAITING), transcoding, snapshot
 * (PROCESSING); then FINISH with a "transcoded" output (the source bytes under the output key) and
 * a poster (the uploaded cover, else a generated PNG), or with the `failTranscode` fault's error.
 * A `ProcedureStateChanged` event follows FINISH (the default `TasksNotifyMode`, `Finish`).
 */
export function startProcedure(
  ctx: SandboxContext,
  media: MediaRecord,
  binding: { procedure: string; sessionContext: string; sessionId?: string },
): string {
  const taskId = `${ctx.descriptor.tencent.appId}-procedurev2-${randomBytes(16).toString('hex')}`;
  const task: ProcedureTaskRecord = {
    taskId,
    status: 'WAITING',
    createTime: vodTime(ctx.clock.now()),
    beginProcessTime: '',
    finishTime: '',
    errCode: 0,
    errCodeExt: '',
    message: '',
    fileId: media.fileId,
    procedure: binding.procedure,
    sessionContext: binding.sessionContext,
    sessionId: binding.sessionId ?? '',
    subAppId: media.subAppId,
    stage: 'queued',
    progress: 0,
  };
  tasks.start(ctx, task, () => run(ctx, taskId));
  return taskId;
}

async function run(ctx: SandboxContext, taskId: string): Promise<void> {
  const stageMs = ctx.options.processing.stageMs ?? 1000;
  const failure = ctx.faults.takeTranscodeFailure();
  const update = (change: Partial<ProcedureTaskRecord>): ProcedureTaskRecord | undefined => {
    const task = tasks.get(ctx, taskId);
    return task ? tasks.save(ctx, { ...task, ...change }) : undefined;
  };
  try {
    await sleep(stageMs);
    update({
      status: 'PROCESSING',
      stage: 'transcoding',
      beginProcessTime: vodTime(ctx.clock.now()),
      progress: 10,
    });
    await sleep(stageMs);
    const task = tasks.get(ctx, taskId);
    const media = task ? findMedia(ctx, task.fileId) : undefined;
    if (!task || !media) {
      finish(ctx, taskId, { errCode: 70000, errCodeExt: 'InternalError', message: 'The media was deleted.' });
      return;
    }
    if (failure) {
      finish(ctx, taskId, { errCode: 60000, errCodeExt: failure.code, message: failure.reason });
      return;
    }
    const { bucket } = ctx.descriptor.tencent;
    const dir = media.key.slice(0, media.key.lastIndexOf('/') + 1);
    const outputKey = `${dir}v.f${TRANSCODE_DEFINITION}.${media.type}`;
    const source = await ctx.store.getObject(bucket, media.key);
    const output = await ctx.store.putObject(bucket, outputKey, source.body, {
      contentType: source.meta.contentType,
    });
    update({ stage: 'snapshot', progress: 60 });
    await sleep(stageMs);
    let posterKey = media.coverKey;
    if (!posterKey) {
      posterKey = `${dir}coverBySnapshot/coverBySnapshot_10_0.png`;
      await ctx.store.putObject(bucket, posterKey, Readable.from([posterPng()]), {
        contentType: 'image/png',
      });
    }
    const current = findMedia(ctx, media.fileId);
    if (current) {
      saveMedia(ctx, {
        ...current,
        posterKey,
        transcodes: [
          {
            definition: TRANSCODE_DEFINITION,
            key: outputKey,
            size: output.size,
            duration: current.duration ?? 0,
            md5: output.etag.replace(/"/g, ''),
          },
        ],
      });
    }
    finish(ctx, taskId, { errCode: 0, errCodeExt: '', message: 'SUCCESS' });
  } catch (error) {
    finish(ctx, taskId, { errCode: 70000, errCodeExt: 'InternalError', message: (error as Error).message });
  }
}

function finish(
  ctx: SandboxContext,
  taskId: string,
  result: Pick<ProcedureTaskRecord, 'errCode' | 'errCodeExt' | 'message'>,
): void {
  const done = tasks.finish(ctx, taskId, { ...result, stage: 'done', progress: 100 });
  if (!done) return;
  ctx.events.tencent(done.subAppId, {
    EventType: 'ProcedureStateChanged',
    ProcedureStateChangeEvent: procedureTaskView(ctx, done),
  });
}

/**
 * `ProcedureTask` in the cloud's field names (DescribeTaskDetail, `ProcedureStateChangeEvent`):
 * the task's state and its `MediaProcessResultSet` (one `Transcode`, one `CoverBySnapshot`).
 * @see https://www.tencentcloud.com/document/api/266/31773#ProcedureTask
 */
export function procedureTaskView(ctx: SandboxContext, task: ProcedureTaskRecord): Record<string, unknown> {
  const media = findMedia(ctx, task.fileId);
  const output = media?.transcodes?.[0];
  const failed = task.status === 'FINISH' && task.errCode !== 0;
  const subStatus = (reached: boolean): string =>
    failed ? 'FAIL' : task.stage === 'done' || reached ? 'SUCCESS' : task.status;
  const transcodeDone = task.stage === 'snapshot' || task.stage === 'done';
  return {
    TaskId: task.taskId,
    Status: task.status,
    ErrCode: task.errCode,
    Message: task.message,
    FileId: task.fileId,
    FileName: media?.name ?? '',
    FileUrl: media ? publicUrl(ctx, media.key) : '',
    MetaData: media ? metaData(media) : null,
    MediaProcessResultSet: [
      {
        Type: 'Transcode',
        TranscodeTask: {
          Status: failed ? 'FAIL' : subStatus(transcodeDone),
          ErrCodeExt: failed ? task.errCodeExt : '',
          ErrCode: failed ? task.errCode : 0,
          Message: failed ? task.message : transcodeDone ? 'SUCCESS' : '',
          Input: { Definition: TRANSCODE_DEFINITION },
          Output: output ? transcodeItem(ctx, output) : null,
          Progress: transcodeDone ? 100 : task.stage === 'transcoding' ? 50 : 0,
          BeginProcessTime: task.beginProcessTime,
          FinishTime: transcodeDone ? task.finishTime : '',
        },
      },
      {
        Type: 'CoverBySnapshot',
        CoverBySnapshotTask: {
          Status: failed ? 'FAIL' : subStatus(task.stage === 'done'),
          ErrCodeExt: '',
          ErrCode: 0,
          Message: '',
          Input: { Definition: 10, PositionType: 'Time', PositionValue: 0 },
          Output:
            media?.posterKey && task.stage === 'done' ? { CoverUrl: publicUrl(ctx, media.posterKey) } : null,
        },
      },
    ],
    TasksPriority: 0,
    TasksNotifyMode: 'Finish',
    SessionContext: task.sessionContext,
    SessionId: task.sessionId,
    Operator: '',
    OperationType: '',
    ...(media ? { MediaBasicInfo: basicInfo(ctx, media) } : {}),
  };
}

/** One `MediaTranscodeItem` (DescribeMediaInfos `TranscodeInfo.TranscodeSet[]`, task outputs). */
export function transcodeItem(
  ctx: SandboxContext,
  output: NonNullable<MediaRecord['transcodes']>[number],
): Record<string, unknown> {
  return {
    Url: publicUrl(ctx, output.key),
    Definition: output.definition,
    Bitrate: 0,
    Height: 0,
    Width: 0,
    Size: output.size,
    Duration: output.duration,
    Md5: output.md5,
    Container: 'mov,mp4,m4a,3gp,3g2,mj2',
    VideoStreamSet: [],
    AudioStreamSet: [],
    DigitalWatermarkType: 'None',
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
