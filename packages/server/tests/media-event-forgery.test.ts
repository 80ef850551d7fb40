import {
  createAliyunCloud,
  createTencentCloud,
  createTencentPushReceiver,
  type MediaEvent,
} from '@vod-uploader/server';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_MP4, startMediaOrigin } from './media-origin.js';
import {
  aliyunSigned,
  aliyunUpload,
  type MediaHarness,
  serveAliyunReceiver,
  serveReceiver,
  startMediaHarness,
  tencentUpload,
  until,
} from './support/media-harness.js';
import { ossClientFor } from './upload-clients.js';

/**
 * What a forger can do with the receivers: the Alibaba callback's signature covers neither the body
 * nor the video, the Tencent push has none. Whatever he sends, an event names the caller the
 * endpoint recorded, and a made-up id is nothing.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(...args: Parameters<typeof startMediaHarness>): Promise<MediaHarness> {
  const h = await startMediaHarness(...args);
  cleanups.push(() => h.close());
  return h;
}

async function aliyunReceiver(h: MediaHarness) {
  const served = await serveAliyunReceiver(h);
  cleanups.push(served.close);
  return served;
}

function ofMedia(h: MediaHarness, mediaId: string): MediaEvent[] {
  return h.events.filter((event) => event.mediaId === mediaId);
}

/** A valid seal of `user` (as anyone can read his own back): the `SessionContext` of his Tencent apply. */
async function sealOf(h: MediaHarness, user: string): Promise<string> {
  const since = h.sandbox.context.log.list(0).length;
  const applied = await h.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' }, { 'x-user': user });
  expect(applied.status).toBe(200);
  const [apply] = h.sandbox.context.log.list(since).filter((r) => r.action === 'ApplyUpload');
  const seal = String((apply?.params as { SessionContext?: unknown } | undefined)?.SessionContext ?? '');
  expect(seal).toMatch(/^vs1\./);
  return seal;
}

/** POSTs `body` to an Alibaba receiver, signed at `timestamp` as any captured callback's headers are. */
function postSigned(url: string, timestamp: number, body: Record<string, unknown>) {
  return fetch(url, { method: 'POST', headers: aliyunSigned(url, timestamp), body: JSON.stringify(body) });
}

const now = () => Math.floor(Date.now() / 1000);

describe('media events: forged callbacks and pushes', () => {
  it("media events: a forged Alibaba callback with bob's seal for alice's video names alice, and its header pair carries no second body", async () => {
    const h = await harness({ processing: { stageMs: 300 } });
    const served = await aliyunReceiver(h);
    const bobSeal = await sealOf(h, 'bob');
    // The cloud's own FileUploadComplete is lost, so the forged one is the first the receiver hears.
    h.sandbox.context.faults.set({ callbacks: { drop: 1 } });
    const alice = await aliyunUpload(h, 'alice');
    const forged = {
      EventType: 'FileUploadComplete',
      VideoId: alice.videoId,
      Status: 'success',
      Extend: JSON.stringify({ vodUploaderOwner: bobSeal }),
    };
    const at = now();
    expect((await postSigned(served.url, at, forged)).status).toBe(200);
    // The same signed timestamp with another body of that event and video is a replay.
    const again = await postSigned(served.url, at, { ...forged, nonce: 1 });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: 'replayed' });

    await until(() => ofMedia(h, alice.videoId).some((e) => e.type === 'media.ready'));
    await h.sandbox.context.events.idle();
    const events = ofMedia(h, alice.videoId);
    expect(events.map((e) => e.type)).toEqual(['media.uploaded', 'media.processing', 'media.ready']);
    expect(events.map((e) => e.callerId)).toEqual(['alice', 'alice', 'alice']);
    expect(await h.store.get(`vod-uploader:media-owner:aliyun:${alice.videoId}`)).toBe('alice');
  });

  it('media events: an Alibaba video the endpoint never issued names no caller, whatever seal its Extend carries', async () => {
    const h = await harness({ processing: { stageMs: 20 } });
    await aliyunReceiver(h);
    const bobSeal = await sealOf(h, 'bob');
    // Made with the account's keys but not through the endpoint, with a valid seal in Extend.
    const cloud = createAliyunCloud(h.config.aliyun!);
    const created = await cloud.call('CreateUploadVideo', {
      Title: 'elsewhere',
      FileName: 'elsewhere.mp4',
      UserData: JSON.stringify({ Extend: { vodUploaderOwner: bobSeal } }),
    });
    const { client, address } = ossClientFor(created as { UploadAddress: string; UploadAuth: string });
    await client.put(String(address.FileName), SAMPLE_MP4);
    const videoId = String(created.VideoId);
    await until(() => ofMedia(h, videoId).some((e) => e.type === 'media.ready'));
    expect(ofMedia(h, videoId).length).toBeGreaterThan(0);
    expect(ofMedia(h, videoId).every((e) => e.callerId === undefined)).toBe(true);
  });

  it("media events: a forged Alibaba TranscodeComplete's ErrorMessage is not the failure's reason: the cloud's failed job is", async () => {
    const h = await harness({ processing: { stageMs: 20 } });
    const served = await aliyunReceiver(h);
    // The cloud's own callbacks are lost, so the forged one is the first the receiver hears.
    h.sandbox.context.faults.set({
      callbacks: { drop: 100 },
      failTranscode: { count: 1, reason: 'unsupported codec', code: 'CodecError' },
    });
    const { videoId } = await aliyunUpload(h, 'alice');
    const cloud = createAliyunCloud(h.config.aliyun!);
    await until(async () => {
      const info = await cloud.call('GetVideoInfo', { VideoId: videoId });
      return (info.Video as { Status?: string }).Status === 'TranscodeFail';
    });
    const forged = {
      EventType: 'TranscodeComplete',
      VideoId: videoId,
      Status: 'fail',
      ErrorCode: 'AccountSuspended',
      ErrorMessage: 'Your account is suspended: pay at https://evil.example',
    };
    expect((await postSigned(served.url, now(), forged)).status).toBe(200);
    expect(ofMedia(h, videoId).find((e) => e.type === 'media.failed')).toMatchObject({
      reason: 'unsupported codec',
      cloudCode: 'CodecError',
      callerId: 'alice',
    });
  });

  it("media events: an imported Alibaba video's UploadByURLComplete names its job's caller; another's job does not claim it", async () => {
    const origin = await startMediaOrigin();
    cleanups.push(() => origin.close());
    const h = await harness({ importAllowHosts: [origin.host] }, {
      policy: { urlImport: { allowHosts: [origin.host] } },
    } as never);
    const served = await aliyunReceiver(h);
    const importAs = async (user: string) => {
      const answer = await h.call(
        'POST',
        '/aliyun/url-import',
        { mediaUrl: `${origin.url}/sample.mp4` },
        {
          'x-user': user,
        },
      );
      expect(answer.status, answer.text).toBe(200);
      return String(answer.json.result.UploadJobs[0].JobId);
    };
    const aliceJob = await importAs('alice');
    const bobJob = await importAs('bob');
    // The video ids, read from the cloud (not through the status route, which records them too).
    const cloud = createAliyunCloud(h.config.aliyun!);
    const videoOf = async (jobId: string) => {
      let videoId = '';
      await until(async () => {
        const info = await cloud.call('GetURLUploadInfos', { JobIds: jobId });
        videoId = String((info.URLUploadInfoList as Array<{ MediaId?: string }>)[0]?.MediaId ?? '');
        return videoId !== '';
      });
      return videoId;
    };
    const aliceVideo = await videoOf(aliceJob);
    const bobVideo = await videoOf(bobJob);
    const completed = (videoId: string, jobId: string) => ({
      EventType: 'UploadByURLComplete',
      VideoId: videoId,
      JobId: jobId,
      Status: 'success',
    });

    // Bob names his own job beside alice's video: the cloud says his job made another video.
    expect((await postSigned(served.url, now() - 2, completed(aliceVideo, bobJob))).status).toBe(200);
    expect(ofMedia(h, aliceVideo).some((e) => e.callerId === 'bob')).toBe(false);
    expect((await postSigned(served.url, now() - 1, completed(bobVideo, bobJob))).status).toBe(200);
    expect(ofMedia(h, bobVideo).find((e) => e.type === 'media.uploaded')?.callerId).toBe('bob');
    expect(await h.store.get(`vod-uploader:media-owner:aliyun:${bobVideo}`)).toBe('bob');
    // Alice's own UploadByURLComplete (the sandbox sends it) may have named her by now; never Bob.
    expect(await h.store.get(`vod-uploader:media-owner:aliyun:${aliceVideo}`)).not.toBe('bob');
  });

  it('media events: a forged Tencent FileDeleted for an unknown id, or a push naming a bogus TaskId, is ignored; a real deletion is not', async () => {
    const h = await harness();
    const errors: unknown[] = [];
    const served = await serveReceiver(
      createTencentPushReceiver({ config: { ...h.config, onError: (e) => errors.push(e) }, store: h.store }),
    );
    cleanups.push(served.close);
    const push = async (body: unknown) => {
      const response = await fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    };
    const unknown = '5285890000000000001';
    expect(await push({ EventType: 'FileDeleted', FileDeleteEvent: { FileIdSet: [unknown] } })).toEqual({
      status: 200,
      json: { ok: true, ignored: true },
    });
    // Its event id stays free: a real deletion of that id would still reach the app.
    expect(await h.store.get(`vod-uploader:media-event:tencent:${unknown}:media.deleted`)).toBeUndefined();
    const bogus = { TaskId: 'no-such-task', FileId: unknown, Status: 'FINISH' };
    expect(await push({ EventType: 'ProcedureStateChanged', ProcedureStateChangeEvent: bogus })).toEqual({
      status: 200,
      json: { ok: true, ignored: true },
    });
    expect(errors).toEqual([]);
    expect(h.events).toEqual([]);

    // A media the app has heard of (its events named alice), then deleted: its deletion names her.
    h.sandbox.setEvents({ tencentPushUrl: served.url });
    const { fileId } = await tencentUpload(h, 'alice');
    await until(() => ofMedia(h, fileId).some((e) => e.type === 'media.ready'));
    await createTencentCloud(h.config.tencent!).call('DeleteMedia', { FileId: fileId });
    await push({ EventType: 'FileDeleted', FileDeleteEvent: { FileIdSet: [fileId] } });
    await until(() => ofMedia(h, fileId).some((e) => e.type === 'media.deleted'));
    expect(ofMedia(h, fileId).find((e) => e.type === 'media.deleted')?.callerId).toBe('alice');
  });
});
