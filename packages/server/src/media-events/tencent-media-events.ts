import { compact } from '../cloud/compact.js';
import type { StoredMedia } from '../policy/delete-oversized-media.js';
import type { ResolvedPolicy } from '../policy/upload-policy.js';
import type { TencentCloud } from '../tencent/tencent-cloud.js';
import type { CallerSeal } from './caller-seal.js';
import type { MediaEvent, MediaEventDraft } from './media-event.js';
import { type OversizedMediaFailure, oversizedMediaFailure } from './oversized-media-failure.js';

type TencentEventDraft = MediaEventDraft;

/** What the Tencent normaliser reads with. */
export interface TencentReader {
  cloud: TencentCloud;
  subAppId: number | undefined;
  seal: CallerSeal;
  /** The handler's policy: a media of this endpoint stored over its `maxFileSize` is deleted. */
  policy: ResolvedPolicy;
}

/** What the ready fields are read with. */
type MediaReader = Pick<TencentReader, 'cloud' | 'subAppId'>;

type Json = Record<string, unknown>;

/**
 * Turns one Tencent `EventContent` — from PullEvents (authenticated: trusted as it is) or rebuilt
 * from re-reads (a push) — into media events. `NewFileUpload` → `media.uploaded`, then
 * `media.processing` when a procedure runs, else `media.ready` (the media is playable as uploaded);
 * `ProcedureStateChanged` → `media.processing` until FINISH, then `media.ready` (outputs, poster and
 * duration re-read with DescribeMediaInfos) or `media.failed` (the failed subtask's message);
 * `PullComplete` like an upload (or `media.failed`); `FileDeleted` → `media.deleted`. The caller is
 * the seal in `SessionContext` (procedures, pulls) or `SourceContext` (uploads). A media of a caller
 * whose `MetaData.Size` is over the policy's `maxFileSize` (an import no one polled) is deleted and
 * is only `media.failed` (`code: 'policy_refused'`), as the status route refuses it; a media that
 * is gone by the time it would be ready is nothing.
 * @see https://www.tencentcloud.com/document/product/266/33950 (NewFileUpload)
 * @see https://www.tencentcloud.com/document/product/266/33953 (ProcedureStateChanged)
 */
export async function tencentMediaEvents(content: Json, reader: TencentReader): Promise<TencentEventDraft[]> {
  switch (content.EventType) {
    case 'NewFileUpload': {
      const upload = obj(content.FileUploadEvent);
      const fileId = str(upload.FileId);
      if (!fileId) return [];
      const basic = obj(upload.MediaBasicInfo);
      const procedureTaskId = str(upload.ProcedureTaskId);
      let callerId = reader.seal.open(obj(basic.SourceInfo).SourceContext);
      let task: Json | undefined;
      if (procedureTaskId) {
        task = await taskDetail(reader, procedureTaskId);
        callerId ??= reader.seal.open(obj(task?.ProcedureTask).SessionContext);
      }
      const stored = { size: obj(upload.MetaData).Size, via: 'upload' } as const;
      const refusal = await refuseOversized(reader, fileId, callerId, stored);
      if (refusal) return [refused(fileId, '', callerId, refusal, content)];
      return [
        uploaded(fileId, callerId, content),
        ...(procedureTaskId
          ? [processing(fileId, procedureTaskId, callerId, stageOf(task), content)]
          : await ready(reader, fileId, '', callerId, content)),
      ];
    }
    case 'ProcedureStateChanged': {
      const task = obj(content.ProcedureStateChangeEvent);
      const fileId = str(task.FileId);
      const taskId = str(task.TaskId);
      if (!fileId) return [];
      const callerId = reader.seal.open(task.SessionContext);
      return procedureOutcome(reader, fileId, taskId, task, callerId, content);
    }
    case 'PullComplete': {
      const pull = obj(content.PullCompleteEvent);
      const fileId = str(pull.FileId);
      const taskId = str(pull.TaskId);
      const callerId = reader.seal.open(pull.SessionContext);
      if (num(pull.ErrCode) !== 0 || !fileId) {
        const mediaId = fileId || taskId;
        return [
          failed(
            mediaId,
            taskId,
            callerId,
            str(pull.Message) || 'The pull upload failed.',
            String(pull.ErrCode ?? ''),
            content,
          ),
        ];
      }
      const stored = { size: obj(pull.MetaData).Size, via: 'import' } as const;
      const refusal = await refuseOversized(reader, fileId, callerId, stored);
      if (refusal) return [refused(fileId, taskId, callerId, refusal, content)];
      const procedureTaskId = str(pull.ProcedureTaskId);
      return [
        uploaded(fileId, callerId, content),
        ...(procedureTaskId
          ? [processing(fileId, procedureTaskId, callerId, 'queued', content)]
          : await ready(reader, fileId, '', callerId, content)),
      ];
    }
    case 'FileDeleted': {
      const deleted = obj(content.FileDeleteEvent);
      const ids = Array.isArray(deleted.FileIdSet)
        ? deleted.FileIdSet.filter((x): x is string => typeof x === 'string')
        : [];
      return ids.map((fileId) => ({
        id: id(fileId, 'media.deleted'),
        type: 'media.deleted' as const,
        provider: 'tencent' as const,
        mediaId: fileId,
        callerId: undefined,
        raw: content,
      }));
    }
    default:
      return [];
  }
}

/** A finished or running procedure as one event: ready, failed or processing (none: the media is gone). */
async function procedureOutcome(
  reader: TencentReader,
  fileId: string,
  taskId: string,
  task: Json,
  callerId: string | undefined,
  raw: unknown,
): Promise<TencentEventDraft[]> {
  if (task.Status !== 'FINISH')
    return [processing(fileId, taskId, callerId, stageOf({ ProcedureTask: task }), raw)];
  const failure = procedureFailure(task);
  if (failure) return [failed(fileId, taskId, callerId, failure.reason, failure.code, raw)];
  return ready(reader, fileId, taskId, callerId, raw);
}

/** The failure of a finished procedure: its first failed subtask, else a task-level error code. */
export function procedureFailure(task: Json): { reason: string; code: string } | undefined {
  const results = Array.isArray(task.MediaProcessResultSet) ? (task.MediaProcessResultSet as Json[]) : [];
  for (const result of results) {
    for (const value of Object.values(obj(result))) {
      const sub = obj(value);
      if (sub.Status === 'FAIL' || (typeof sub.ErrCode === 'number' && sub.ErrCode !== 0)) {
        return {
          reason: str(sub.Message) || str(task.Message) || 'The cloud could not process the media.',
          code: str(sub.ErrCodeExt) || String(sub.ErrCode ?? task.ErrCode ?? ''),
        };
      }
    }
  }
  if (typeof task.ErrCode === 'number' && task.ErrCode !== 0) {
    return {
      reason: str(task.Message) || 'The cloud could not process the media.',
      code: String(task.ErrCode),
    };
  }
  return undefined;
}

/** Where a procedure stands in words: `queued` (WAITING), `transcoding` or `snapshot` (PROCESSING). */
export function stageOf(detail: Json | undefined): string {
  const task = obj(detail?.ProcedureTask);
  if (task.Status === 'WAITING' || task.Status === undefined) return 'queued';
  const results = Array.isArray(task.MediaProcessResultSet) ? (task.MediaProcessResultSet as Json[]) : [];
  for (const result of results) {
    const sub = obj(Object.values(obj(result)).find((v) => v && typeof v === 'object'));
    if (sub.Status !== 'SUCCESS' && sub.Status !== 'FINISH') {
      return result.Type === 'Transcode'
        ? 'transcoding'
        : result.Type === 'CoverBySnapshot'
          ? 'snapshot'
          : 'processing';
    }
  }
  return 'processing';
}

/** `media.ready` from DescribeMediaInfos: the transcodes' URLs (else the original), the cover, the duration. */
export async function tencentReadyFields(
  reader: MediaReader,
  fileId: string,
): Promise<{ playUrls: string[]; posterUrl?: string; durationSeconds?: number } | undefined> {
  const info = await reader.cloud.call(
    'DescribeMediaInfos',
    compact({ FileIds: [fileId], SubAppId: reader.subAppId }),
  );
  const media = Array.isArray(info.MediaInfoSet) ? obj(info.MediaInfoSet[0]) : {};
  if (!media.BasicInfo) return undefined;
  const basic = obj(media.BasicInfo);
  const transcodes = Array.isArray(obj(media.TranscodeInfo).TranscodeSet)
    ? (obj(media.TranscodeInfo).TranscodeSet as Json[])
    : [];
  const urls = transcodes.map((t) => str(t.Url)).filter(Boolean);
  const duration = num(obj(media.MetaData).Duration);
  const poster = str(basic.CoverUrl);
  return {
    playUrls: urls.length ? urls : [str(basic.MediaUrl)].filter(Boolean),
    ...(poster ? { posterUrl: poster } : {}),
    ...(duration > 0 ? { durationSeconds: duration } : {}),
  };
}

/** `media.ready`, or nothing for a media the cloud no longer has (deleted meanwhile, e.g. refused). */
async function ready(
  reader: TencentReader,
  fileId: string,
  taskId: string,
  callerId: string | undefined,
  raw: unknown,
): Promise<TencentEventDraft[]> {
  const fields = await tencentReadyFields(reader, fileId);
  if (!fields) return [];
  return [
    {
      id: id(fileId, 'media.ready', taskId),
      type: 'media.ready',
      provider: 'tencent',
      mediaId: fileId,
      callerId,
      raw,
      ...fields,
    },
  ];
}

/** `oversizedMediaFailure` of a Tencent media: deleted with DeleteMedia, as the routes delete it. */
function refuseOversized(
  reader: TencentReader,
  fileId: string,
  callerId: string | undefined,
  stored: StoredMedia,
): Promise<OversizedMediaFailure | undefined> {
  return oversizedMediaFailure(reader.policy, 'tencent', callerId, stored, () =>
    reader.cloud.call('DeleteMedia', compact({ FileId: fileId, SubAppId: reader.subAppId })),
  );
}

/** `media.failed` for a media the policy refused (and deleted): never uploaded, never ready. */
function refused(
  fileId: string,
  taskId: string,
  callerId: string | undefined,
  refusal: OversizedMediaFailure,
  raw: unknown,
): TencentEventDraft {
  return {
    id: id(fileId, 'media.failed', taskId),
    type: 'media.failed',
    provider: 'tencent',
    mediaId: fileId,
    callerId,
    ...refusal,
    raw,
  };
}

/** `media.uploaded`: the file is stored (an upload's NewFileUpload, a finished pull). */
function uploaded(fileId: string, callerId: string | undefined, raw: unknown): TencentEventDraft {
  return {
    id: id(fileId, 'media.uploaded'),
    type: 'media.uploaded',
    provider: 'tencent',
    mediaId: fileId,
    callerId,
    raw,
  };
}

function processing(
  fileId: string,
  taskId: string,
  callerId: string | undefined,
  stage: string,
  raw: unknown,
): TencentEventDraft {
  return {
    id: id(fileId, 'media.processing', taskId),
    type: 'media.processing',
    provider: 'tencent',
    mediaId: fileId,
    callerId,
    stage,
    raw,
  };
}

function failed(
  mediaId: string,
  taskId: string,
  callerId: string | undefined,
  reason: string,
  code: string,
  raw: unknown,
): TencentEventDraft {
  return {
    id: id(mediaId, 'media.failed', taskId),
    type: 'media.failed',
    provider: 'tencent',
    mediaId,
    callerId,
    reason,
    ...(code ? { cloudCode: code } : {}),
    raw,
  };
}

async function taskDetail(reader: TencentReader, taskId: string): Promise<Json | undefined> {
  return reader.cloud
    .call('DescribeTaskDetail', compact({ TaskId: taskId, SubAppId: reader.subAppId }))
    .catch(() => undefined);
}

/** `tencent:<FileId>:<type>[:<TaskId>]`: one procedure's outcome is one event, whatever the source. */
function id(mediaId: string, type: MediaEvent['type'], taskId = ''): string {
  return `tencent:${mediaId}:${type}${taskId ? `:${taskId}` : ''}`;
}

export function obj(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : Number(value) || 0;
}
