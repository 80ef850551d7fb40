import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../../../tests/support/fixtures-dir.js';
import {
  type AliyunClients,
  aliyunClients,
  decodeBase64Json,
  type UploadAddress,
  type UploadAuth,
} from '../aliyun/aliyun-clients.js';
import { startMediaOrigin } from '../support/media-origin.js';
import {
  refusal,
  sha256,
  startTencentFixture,
  type TempCertificate,
  type TencentFixture,
} from '../tencent/tencent-fixture.js';

const clip = readFileSync(join(fixturesDir, 'sample-6s-640x360.mp4'));
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

async function tencentUpload(t: TencentFixture, params: Record<string, unknown>) {
  const apply = await t.vod.ApplyUpload({ MediaType: 'mp4', ...params });
  const cos = t.cosWith(apply.TempCertificate as TempCertificate);
  await cos.putObject({
    Bucket: apply.StorageBucket!,
    Region: apply.StorageRegion!,
    Key: apply.MediaStoragePath!.slice(1),
    Body: clip,
  });
  const subAppId = params.SubAppId as number | undefined;
  return t.vod.CommitUpload({
    VodSessionKey: apply.VodSessionKey!,
    ...(subAppId ? { SubAppId: subAppId } : {}),
  });
}

/** A loopback receiver that records each POST (headers, body) and answers `statuses` in turn (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/vod-events`, received };
}

describe('sandbox processing: Tencent procedures and events', () => {
  it('a Procedure transcodes after CommitUpload: DescribeTaskDetail, DescribeMediaInfos and the events say so', async () => {
    const t = await startTencentFixture({ processing: { stageMs: 30 } });
    closers.push(() => t.sandbox.close());
    const commit = await tencentUpload(t, { Procedure: 'LongVideoPreset', SessionContext: 'ctx-1' });
    const pulled = await t.vod.PullEvents({});
    expect(pulled.EventSet?.[0]?.EventType).toBe('NewFileUpload');
    const taskId = pulled.EventSet?.[0]?.FileUploadEvent?.ProcedureTaskId ?? '';
    expect(taskId).toMatch(/-procedurev2-/);
    expect(pulled.EventSet?.[0]?.FileUploadEvent?.FileId).toBe(commit.FileId);

    const detail = await until(
      () => t.vod.DescribeTaskDetail({ TaskId: taskId }),
      (d) => d.Status === 'FINISH',
    );
    expect(detail.TaskType).toBe('Procedure');
    expect(detail.ProcedureTask?.ErrCode).toBe(0);
    expect(detail.ProcedureTask?.SessionContext).toBe('ctx-1');
    const output = detail.ProcedureTask?.MediaProcessResultSet?.[0]?.TranscodeTask?.Output;
    expect(output?.Url).toBeTruthy();
    // The "transcoded" output is the source bytes, served at its URL.
    const played = new Uint8Array(await (await fetch(String(output?.Url))).arrayBuffer());
    expect(sha256(played)).toBe(sha256(clip));

    const info = await t.vod.DescribeMediaInfos({ FileIds: [commit.FileId!] });
    const media = info.MediaInfoSet?.[0];
    expect(media?.TranscodeInfo?.TranscodeSet?.[0]?.Url).toBe(output?.Url);
    expect(media?.MetaData?.Duration).toBeGreaterThan(5);
    const poster = await fetch(String(media?.BasicInfo?.CoverUrl));
    expect(poster.headers.get('content-type')).toMatch(/^image\//);

    const tasks = await t.vod.DescribeTasks({ FileId: commit.FileId! });
    expect(tasks.TaskSet?.map((task) => task.TaskId)).toEqual([taskId]);

    const handles = [String(pulled.EventSet?.[0]?.EventHandle)];
    await t.vod.ConfirmEvents({ EventHandles: handles });
    const finished = await t.vod.PullEvents({});
    expect(finished.EventSet?.[0]?.EventType).toBe('ProcedureStateChanged');
    expect(finished.EventSet?.[0]?.ProcedureStateChangeEvent?.SessionContext).toBe('ctx-1');
  });

  it('without a Procedure nothing processes: NewFileUpload names no task and the media has no TranscodeInfo', async () => {
    const t = await startTencentFixture({ processing: { stageMs: 30 }, events: { pullWaitMs: 200 } });
    closers.push(() => t.sandbox.close());
    const commit = await tencentUpload(t, {});
    const pulled = await t.vod.PullEvents({});
    expect(pulled.EventSet?.map((e) => e.EventType)).toEqual(['NewFileUpload']);
    expect(pulled.EventSet?.[0]?.FileUploadEvent?.ProcedureTaskId).toBe('');
    const info = await t.vod.DescribeMediaInfos({ FileIds: [commit.FileId!] });
    expect(info.MediaInfoSet?.[0]?.TranscodeInfo ?? null).toBeNull();
    expect((await t.vod.DescribeTasks({ FileId: commit.FileId! })).TaskSet).toEqual([]);
  });

  it('failTranscode: the procedure ends FINISH with ErrCode 60000, the code and the reason', async () => {
    const t = await startTencentFixture({ processing: { stageMs: 20 } });
    closers.push(() => t.sandbox.close());
    t.sandbox.context.faults.set({
      failTranscode: { count: 1, reason: 'moov atom not found', code: 'InvalidSource' },
    });
    await tencentUpload(t, { Procedure: 'LongVideoPreset' });
    const [upload] = (await t.vod.PullEvents({})).EventSet ?? [];
    const taskId = String(upload?.FileUploadEvent?.ProcedureTaskId);
    const detail = await until(
      () => t.vod.DescribeTaskDetail({ TaskId: taskId }),
      (d) => d.Status === 'FINISH',
    );
    expect(detail.ProcedureTask?.ErrCode).toBe(60000);
    expect(detail.ProcedureTask?.Message).toBe('moov atom not found');
    const transcode = detail.ProcedureTask?.MediaProcessResultSet?.[0]?.TranscodeTask;
    expect(transcode?.Status).toBe('FAIL');
    expect(transcode?.ErrCodeExt).toBe('InvalidSource');
  });

  it('push mode POSTs the same event JSON to the push URL; a non-loopback target is refused', async () => {
    const target = await receiver();
    const t = await startTencentFixture({ events: { tencentPushUrl: target.url, pullWaitMs: 200 } });
    closers.push(() => t.sandbox.close());
    const commit = await tencentUpload(t, {});
    await t.sandbox.context.events.idle();
    expect(target.received).toHaveLength(1);
    const pushed = JSON.parse(target.received[0]!.body) as {
      EventType: string;
      FileUploadEvent: { FileId: string };
    };
    expect(pushed.EventType).toBe('NewFileUpload');
    expect(pushed.FileUploadEvent.FileId).toBe(commit.FileId);
    expect(() => t.sandbox.setEvents({ tencentPushUrl: 'http://example.com/hook' })).toThrow(/loopback/);
    await expect(startSandbox({ events: { aliyunCallbackUrl: 'https://example.com/cb' } })).rejects.toThrow(
      /loopback/,
    );
  });

  it('an unconfirmed event comes back after redeliverAfterMs with a new EventHandle', async () => {
    const t = await startTencentFixture({ events: { redeliverAfterMs: 300, pullWaitMs: 100 } });
    closers.push(() => t.sandbox.close());
    await tencentUpload(t, {});
    const first = (await t.vod.PullEvents({})).EventSet ?? [];
    expect(first).toHaveLength(1);
    expect((await t.vod.PullEvents({})).EventSet ?? []).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const again = (await t.vod.PullEvents({})).EventSet ?? [];
    expect(again[0]?.FileUploadEvent?.FileId).toBe(first[0]?.FileUploadEvent?.FileId);
    expect(again[0]?.EventHandle).not.toBe(first[0]?.EventHandle);
  });

  it('events belong to one application: PullEvents and ConfirmEvents see only the SubAppId’s queue', async () => {
    const t = await startTencentFixture({ processing: { stageMs: 20 }, events: { pullWaitMs: 100 } });
    closers.push(() => t.sandbox.close());
    const [sub] = t.sandbox.descriptor.tencent.subAppIds;
    const inSub = await tencentUpload(t, { SubAppId: sub, Procedure: 'LongVideoPreset' });
    await until(
      () => t.vod.DescribeTasks({ FileId: inSub.FileId!, SubAppId: sub }),
      (tasks) => tasks.TaskSet?.[0]?.Status === 'FINISH',
    );
    // The main application sees none of the sub-application's events.
    expect((await t.vod.PullEvents({})).EventSet ?? []).toEqual([]);
    const pulled = (await t.vod.PullEvents({ SubAppId: sub })).EventSet ?? [];
    expect(pulled.map((e) => e.EventType)).toEqual(['NewFileUpload', 'ProcedureStateChanged']);
    expect(pulled[0]?.FileUploadEvent?.FileId).toBe(inSub.FileId);
    // Nor can it confirm them: the handles are unknown to its queue.
    const handles = pulled.map((e) => String(e.EventHandle));
    expect((await refusal(t.vod.ConfirmEvents({ EventHandles: handles }))).code).toBe('InvalidParameter');
    await t.vod.ConfirmEvents({ EventHandles: handles, SubAppId: sub });
    await t.vod.DeleteMedia({ FileId: inSub.FileId!, SubAppId: sub });
    expect((await t.vod.PullEvents({})).EventSet ?? []).toEqual([]);
    const deleted = (await t.vod.PullEvents({ SubAppId: sub })).EventSet ?? [];
    expect(deleted.map((e) => e.EventType)).toEqual(['FileDeleted']);
    // The main application's own upload is its own.
    const inMain = await tencentUpload(t, {});
    const main = (await t.vod.PullEvents({})).EventSet ?? [];
    expect(main.map((e) => e.FileUploadEvent?.FileId)).toEqual([inMain.FileId]);
  });

  it('ConfirmEvents refuses an unknown, confirmed, superseded or late EventHandle with InvalidParameter, confirming nothing', async () => {
    const t = await startTencentFixture({ events: { redeliverAfterMs: 400, pullWaitMs: 100 } });
    closers.push(() => t.sandbox.close());
    await tencentUpload(t, {});
    await tencentUpload(t, {});
    const [one, two] = ((await t.vod.PullEvents({})).EventSet ?? []).map((e) => String(e.EventHandle));
    const confirm = (EventHandles: string[]) => refusal(t.vod.ConfirmEvents({ EventHandles }));
    expect((await confirm(['not-a-handle'])).code).toBe('InvalidParameter');
    // All or none: the valid handle beside an unknown one is not confirmed.
    expect((await confirm([one!, 'not-a-handle'])).code).toBe('InvalidParameter');
    await t.vod.ConfirmEvents({ EventHandles: [one!] });
    expect((await confirm([one!])).code).toBe('InvalidParameter');
    // Past the confirmation window, even before the event is delivered again.
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await confirm([two!])).code).toBe('InvalidParameter');
    const again = (await t.vod.PullEvents({})).EventSet ?? [];
    expect(again).toHaveLength(1);
    expect((await confirm([two!])).code).toBe('InvalidParameter');
    await t.vod.ConfirmEvents({ EventHandles: [String(again[0]?.EventHandle)] });
    expect(t.sandbox.context.events.tencentQueue.size).toBe(0);
  });

  it('DescribeTasks without FileId lists the SubAppId’s procedure tasks of the last three days; ABORTED is a Status filter', async () => {
    const t = await startTencentFixture({
      processing: { stageMs: 20 },
      timestampWindowSeconds: 4 * 24 * 3600,
    });
    closers.push(() => t.sandbox.close());
    const [sub] = t.sandbox.descriptor.tencent.subAppIds;
    const taskIds = async (request: Record<string, unknown>) =>
      ((await t.vod.DescribeTasks(request)).TaskSet ?? []).map((task) => task.TaskId);
    const first = await tencentUpload(t, { Procedure: 'LongVideoPreset' });
    const second = await tencentUpload(t, { Procedure: 'LongVideoPreset' });
    const inSub = await tencentUpload(t, { Procedure: 'LongVideoPreset', SubAppId: sub });
    await tencentUpload(t, {});
    const [firstTask] = await taskIds({ FileId: first.FileId });
    const [secondTask] = await taskIds({ FileId: second.FileId });
    const [subTask] = await taskIds({ FileId: inSub.FileId, SubAppId: sub });
    expect(firstTask && secondTask && subTask).toBeTruthy();

    expect(await taskIds({})).toEqual([secondTask, firstTask]);
    expect(await taskIds({ Sort: { Field: 'CreateTime', Order: 'Asc' } })).toEqual([firstTask, secondTask]);
    expect(await taskIds({ SubAppId: sub })).toEqual([subTask]);
    expect(await taskIds({ Status: 'ABORTED' })).toEqual([]);
    expect((await refusal(t.vod.DescribeTasks({ Status: 'DONE' }))).code).toBe(
      'InvalidParameterValue.Status',
    );
    // Three days later they are no longer listed.
    t.sandbox.context.clock.skewMs = 3 * 24 * 3600 * 1000 + 60_000;
    expect(await taskIds({})).toEqual([]);
  });
});

describe('sandbox processing: Alibaba transcoding and callbacks', () => {
  /** A sandbox with `options`, closed after the test, and the official clients on it. */
  async function startAliyun(options: Parameters<typeof startSandbox>[0]) {
    const sandbox = await startSandbox({ port: 0, ...options });
    closers.push(() => sandbox.close());
    return { sandbox, a: aliyunClients(sandbox.descriptor) };
  }

  /** CreateUploadVideo with `params`, then the clip PUT to the address it hands out: the VideoId. */
  async function uploadClip(a: AliyunClients, params: Record<string, unknown>): Promise<string> {
    const created = await a.call<{ VideoId: string; UploadAddress: string; UploadAuth: string }>(
      'CreateUploadVideo',
      params,
    );
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress);
    await a.oss(address, decodeBase64Json<UploadAuth>(created.UploadAuth)).put(address.FileName, clip);
    return created.VideoId;
  }

  /** Waits until `target` has had `count` callbacks, then until the sandbox has no delivery left to make. */
  async function callbacksSettle(sandbox: Sandbox, target: { received: unknown[] }, count: number) {
    await until(
      async () => target.received.length,
      (n) => n >= count,
      3000,
    );
    await sandbox.context.events.idle();
  }

  it('TemplateGroupId: UploadSucc → Transcoding → Normal; GetPlayInfo plays the source bytes; signed callbacks', async () => {
    const target = await receiver([500]);
    const { sandbox, a } = await startAliyun({
      processing: { stageMs: 30 },
      events: { aliyunCallbackUrl: target.url, aliyunAuthKey: 'auth-key-1' },
    });
    const videoId = await uploadClip(a, {
      Title: 'clip',
      FileName: 'clip.mp4',
      TemplateGroupId: 'tg-1',
      UserData: JSON.stringify({ Extend: { order: 7 } }),
    });
    const seen = new Set<string>();
    const normal = await until(
      async () => {
        const info = await a.call<{ Video: { Status: string } }>('GetVideoInfo', { VideoId: videoId });
        seen.add(info.Video.Status);
        return info.Video.Status;
      },
      (status) => status === 'Normal',
    );
    expect(normal).toBe('Normal');
    expect(seen.has('Transcoding')).toBe(true);
    const play = await a.call<{
      PlayInfoList: { PlayInfo: Array<{ PlayURL: string }> };
      VideoBase: { CoverURL: string };
    }>('GetPlayInfo', { VideoId: videoId });
    const played = new Uint8Array(await (await fetch(play.PlayInfoList.PlayInfo[0]!.PlayURL)).arrayBuffer());
    expect(sha256(played)).toBe(sha256(clip));
    expect((await fetch(play.VideoBase.CoverURL)).headers.get('content-type')).toMatch(/^image\//);

    await sandbox.context.events.idle();
    const bodies = target.received.map((r) => JSON.parse(r.body) as { EventType: string; Extend?: string });
    // The first delivery failed (500) and was retried (later, so it may arrive after others).
    expect(bodies.map((b) => b.EventType).sort()).toEqual([
      'FileUploadComplete',
      'FileUploadComplete',
      'SnapshotComplete',
      'StreamTranscodeComplete',
      'TranscodeComplete',
    ]);
    expect(bodies[0]?.Extend).toBe('{"order":7}');
    for (const { headers } of target.received) {
      const timestamp = String(headers['x-vod-timestamp']);
      const expected = createHash('md5').update(`${target.url}|${timestamp}|auth-key-1`).digest('hex');
      expect(headers['x-vod-signature']).toBe(expected);
    }
  });

  it('a callback that keeps failing is tried three times in all; faults drop and duplicate callbacks', async () => {
    const target = await receiver([500, 500, 500]);
    const { sandbox, a } = await startAliyun({
      events: { aliyunCallbackUrl: target.url, aliyunAuthKey: 'k' },
    });
    await uploadClip(a, { Title: 'clip', FileName: 'clip.mp4' });
    await callbacksSettle(sandbox, target, 3);
    expect(target.received).toHaveLength(3);

    sandbox.context.faults.set({ callbacks: { duplicate: 1 } });
    await uploadClip(a, { Title: 'b', FileName: 'b.mp4' });
    await callbacksSettle(sandbox, target, 5);
    expect(target.received).toHaveLength(5);

    sandbox.context.faults.set({ callbacks: { drop: 1 } });
    await uploadClip(a, { Title: 'c', FileName: 'c.mp4' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sandbox.context.events.idle();
    expect(target.received).toHaveLength(5);
    expect(sandbox.context.events.sent.at(-1)?.status).toBe(-1);
  });

  it('failTranscode: TranscodeFail, and TranscodeComplete says fail with the code and reason', async () => {
    const target = await receiver();
    const { sandbox, a } = await startAliyun({
      processing: { stageMs: 20 },
      events: { aliyunCallbackUrl: target.url, aliyunAuthKey: 'k' },
    });
    sandbox.context.faults.set({ failTranscode: { count: 1, reason: 'bad codec', code: 'InvalidSource' } });
    const videoId = await uploadClip(a, { Title: 'f', FileName: 'f.mp4', WorkflowId: 'wf-1' });
    const status = await until(
      async () =>
        (await a.call<{ Video: { Status: string } }>('GetVideoInfo', { VideoId: videoId })).Video.Status,
      (s) => s === 'TranscodeFail',
    );
    expect(status).toBe('TranscodeFail');
    await sandbox.context.events.idle();
    const done = target.received
      .map((r) => JSON.parse(r.body) as Record<string, unknown>)
      .find((b) => b.EventType === 'TranscodeComplete');
    expect(done).toMatchObject({ Status: 'fail', ErrorCode: 'InvalidSource', ErrorMessage: 'bad codec' });
  });

  it('UploadMediaByURL: UploadByURLComplete says success with the job, video and size, or fail with the code', async () => {
    const target = await receiver();
    const { sandbox, a } = await startAliyun({
      events: { aliyunCallbackUrl: target.url, aliyunAuthKey: 'k' },
    });
    const origin = await startMediaOrigin((req, res) => {
      if (req.url === '/clip.mp4') res.writeHead(200, { 'content-type': 'video/mp4' }).end(clip);
      else res.writeHead(404).end();
    });
    closers.push(() => origin.close());
    sandbox.allowImportHost(origin.host);
    const [good, missing] = [`${origin.url}/clip.mp4`, `${origin.url}/missing.mp4`];
    const { UploadJobs } = await a.call<{ UploadJobs: Array<{ JobId: string; SourceURL: string }> }>(
      'UploadMediaByURL',
      {
        UploadURLs: [good, missing].map(encodeURIComponent).join(','),
        UserData: JSON.stringify({ Extend: { order: 9 } }),
      },
    );
    await callbacksSettle(sandbox, target, 2);
    const bodies = target.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const [jobOk, jobMissing] = UploadJobs.map((job) => job.JobId);
    const ok = bodies.find((b) => b.JobId === jobOk);
    const failed = bodies.find((b) => b.JobId === jobMissing);
    expect(ok).toMatchObject({
      EventType: 'UploadByURLComplete',
      Status: 'success',
      SourceURL: good,
      Size: clip.length,
      Extend: '{"order":9}',
    });
    const info = await a.call<{ Video: { Size: number } }>('GetVideoInfo', { VideoId: ok?.VideoId });
    expect(info.Video.Size).toBe(clip.length);
    expect(failed).toMatchObject({ EventType: 'UploadByURLComplete', Status: 'fail', ErrorCode: '404' });
    expect(failed?.VideoId).toBeUndefined();
  });
});
