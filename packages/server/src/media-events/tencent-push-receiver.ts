import { compact } from '../cloud/compact.js';
import { isCloudNotFound } from '../cloud/is-cloud-not-found.js';
import type { SharedStore } from '../store/shared-store.js';
import { type MediaEventSourceOptions, mediaEventRuntime } from './media-event-runtime.js';
import { rememberedOwner } from './media-owners.js';
import { eventAnswer, readEventBody } from './read-event-body.js';
import { obj, str, type TencentReader, tencentMediaEvents } from './tencent-media-events.js';

/**
 * A receiver of Tencent VOD's push ("normal callback") events: `(Request) => Promise<Response>`,
 * mounted at the callback URL configured in the VOD console. Tencent documents no signature on
 * these, so the body is only a hint of which media or task changed: the receiver re-reads the cloud
 * (DescribeTaskDetail for procedures and pulls, DescribeMediaInfos + DescribeTasks for uploads,
 * DescribeMediaInfos for deletions) and emits what the cloud says, never what the body claims. A
 * deletion is emitted only for a media the app has heard of (one with a remembered caller): the
 * cloud says "no such file" of an id that never existed too. A task the cloud does not know is
 * ignored. Answers 200 once the app's handler succeeded (also for events it ignores), 500 when it threw.
 * @example
 * const tencentPush = createTencentPushReceiver({ config });
 * app.post('/hooks/tencent-vod', toExpressMiddleware(tencentPush)); // or: export const POST = tencentPush
 * @see https://www.tencentcloud.com/document/product/266/33779 (event notification: normal callback)
 */
export function createTencentPushReceiver(
  options: MediaEventSourceOptions,
): (request: Request) => Promise<Response> {
  const runtime = mediaEventRuntime(options);
  const tencent = runtime.provider('tencent', 'receiver');
  const reader: TencentReader = {
    cloud: tencent.cloud,
    subAppId: tencent.config.subAppId,
    seal: runtime.services.callerSeal,
    policy: runtime.services.policy,
  };
  return async function tencentPushReceiver(request) {
    const body = await readEventBody(request);
    if (body instanceof Response) return body;
    try {
      const trusted = await reread(reader, runtime.store, body.json);
      if (!trusted) return eventAnswer(200, { ok: true, ignored: true });
      for (const draft of await tencentMediaEvents(trusted, reader))
        await runtime.deliver(draft, 'tencent-push');
      return eventAnswer(200, { ok: true });
    } catch (error) {
      runtime.resolved.onError(error, undefined);
      return eventAnswer(500, { error: 'internal' });
    }
  };
}

/** The event rebuilt from the cloud's own answers, or undefined when there is nothing to trust. */
async function reread(
  reader: TencentReader,
  store: SharedStore,
  hint: Record<string, unknown>,
): Promise<Record<string, unknown> | undefined> {
  const { cloud, subAppId } = reader;
  switch (hint.EventType) {
    case 'NewFileUpload': {
      const fileId = str(obj(hint.FileUploadEvent).FileId);
      if (!fileId) return undefined;
      const info = await cloud.call('DescribeMediaInfos', compact({ FileIds: [fileId], SubAppId: subAppId }));
      const media = Array.isArray(info.MediaInfoSet) ? obj(info.MediaInfoSet[0]) : {};
      if (!media.BasicInfo) return undefined;
      const tasks = await cloud.call(
        'DescribeTasks',
        compact({ FileId: fileId, Limit: 1, SubAppId: subAppId }),
      );
      const task = Array.isArray(tasks.TaskSet) ? obj(tasks.TaskSet[0]) : {};
      return {
        EventType: 'NewFileUpload',
        FileUploadEvent: {
          FileId: fileId,
          MediaBasicInfo: media.BasicInfo,
          MetaData: media.MetaData,
          ProcedureTaskId: task.TaskType === 'Procedure' ? str(task.TaskId) : '',
        },
      };
    }
    case 'ProcedureStateChanged':
    case 'PullComplete': {
      const procedure = hint.EventType === 'ProcedureStateChanged';
      const taskId = str(obj(procedure ? hint.ProcedureStateChangeEvent : hint.PullCompleteEvent).TaskId);
      if (!taskId) return undefined;
      const detail = await cloud
        .call('DescribeTaskDetail', compact({ TaskId: taskId, SubAppId: subAppId }))
        .catch((error: unknown) => {
          // A made-up TaskId is the sender's fault, not ours: nothing to trust, nothing to retry.
          if (isCloudNotFound(error)) return undefined;
          throw error;
        });
      if (!detail) return undefined;
      if (procedure && detail.TaskType === 'Procedure' && detail.ProcedureTask) {
        return { EventType: 'ProcedureStateChanged', ProcedureStateChangeEvent: detail.ProcedureTask };
      }
      if (
        !procedure &&
        detail.TaskType === 'PullUpload' &&
        detail.Status === 'FINISH' &&
        detail.PullUploadTask
      ) {
        return { EventType: 'PullComplete', PullCompleteEvent: detail.PullUploadTask };
      }
      return undefined;
    }
    case 'FileDeleted': {
      const given = obj(hint.FileDeleteEvent).FileIdSet;
      const ids = Array.isArray(given)
        ? given.filter((x): x is string => typeof x === 'string').slice(0, 20)
        : [];
      if (ids.length === 0) return undefined;
      const info = await cloud.call('DescribeMediaInfos', compact({ FileIds: ids, SubAppId: subAppId }));
      const missing = Array.isArray(info.NotExistFileIdSet)
        ? info.NotExistFileIdSet.filter((x): x is string => ids.includes(x))
        : [];
      const gone: string[] = [];
      for (const fileId of missing) {
        if (await rememberedOwner(store, 'tencent', fileId)) gone.push(fileId);
      }
      return gone.length ? { EventType: 'FileDeleted', FileDeleteEvent: { FileIdSet: gone } } : undefined;
    }
    default:
      return undefined;
  }
}
