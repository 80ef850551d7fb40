import {
  createAliyunCallbackReceiver,
  createTencentPushReceiver,
  type MediaEvent,
  startTencentEventPoller,
} from '@vod-uploader/server';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_MP4 } from './media-origin.js';
import { downStore } from './support/down-store.js';
import {
  aliyunSigned,
  aliyunUpload,
  type MediaHarness,
  serveAliyunReceiver,
  serveReceiver,
  sha256Of,
  startMediaHarness,
  tencentUpload,
  until,
} from './support/media-harness.js';
import { sha256 } from './support/stored-bytes.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function withPoller(h: MediaHarness) {
  const poller = startTencentEventPoller({ config: h.config, store: h.store, retryMs: 50 });
  cleanups.push(() => poller.stop());
  return poller;
}

/** An Alibaba callback receiver served on loopback, with the sandbox sending to it. */
async function withAliyunReceiver(h: MediaHarness) {
  const served = await serveAliyunReceiver(h);
  cleanups.push(served.close);
  return served;
}

function ofMedia(h: MediaHarness, mediaId: string): MediaEvent[] {
  return h.events.filter((event) => event.mediaId === mediaId);
}

describe('media events', () => {
  it('media events: the Tencent poller receives NewFileUpload and ProcedureStateChanged for an uploaded file', async () => {
    const h = await startMediaHarness();
    cleanups.push(() => h.close());
    await withPoller(h);
    const { fileId } = await tencentUpload(h, 'alice');
    await until(() => ofMedia(h, fileId).some((e) => e.type === 'media.ready'));
    const events = ofMedia(h, fileId);
    expect(events.map((e) => e.type)).toEqual(['media.uploaded', 'media.processing', 'media.ready']);
    expect(events.every((e) => e.source === 'tencent-pull' && e.provider === 'tencent')).toBe(true);
    const ready = events[2] as Extract<MediaEvent, { type: 'media.ready' }>;
    // The processed output plays the uploaded bytes; the poster is an image; the duration is the clip's.
    expect(await sha256Of(ready.playUrls[0]!)).toBe(sha256(SAMPLE_MP4));
    expect((await fetch(ready.posterUrl!)).headers.get('content-type')).toMatch(/^image\//);
    expect(ready.durationSeconds).toBeGreaterThan(5);
    expect(ready.durationSeconds).toBeLessThan(7);
    // Every handled event was confirmed: nothing is left in the cloud's queue.
    await until(() => h.sandbox.context.events.tencentQueue.size === 0);
  });

  it('media events: an unconfirmed event is redelivered and the app sees it once', async () => {
    const h = await startMediaHarness({ events: { redeliverAfterMs: 300 } });
    cleanups.push(() => h.close());
    // The handler fails on the first media.uploaded: that event stays unconfirmed and comes back.
    h.failOnce.add('media.uploaded');
    // And one ConfirmEvents is lost: the events it confirmed come back although the app had them.
    h.sandbox.context.faults.set({
      failVodCalls: [{ api: 'tencent-vod', action: 'ConfirmEvents', count: 1 }],
    });
    await withPoller(h);
    const { fileId } = await tencentUpload(h, 'alice');
    await until(() => ofMedia(h, fileId).some((e) => e.type === 'media.ready'));
    await until(() => h.sandbox.context.events.tencentQueue.size === 0);
    const pulls = (await h.sandbox.context.log.list(0)).filter((r) => r.action === 'PullEvents');
    expect(pulls.length).toBeGreaterThan(2);
    expect(h.refused.map((e) => e.type)).toEqual(['media.uploaded']);
    const types = ofMedia(h, fileId).map((e) => e.type);
    expect(types.filter((t) => t === 'media.uploaded')).toHaveLength(1);
    expect(types.filter((t) => t === 'media.ready')).toHaveLength(1);
    expect(new Set(ofMedia(h, fileId).map((e) => e.id)).size).toBe(types.length);
  });

  it('media events: Alibaba callbacks with a forged signature, a stale timestamp or a replay are refused', async () => {
    const h = await startMediaHarness({ processing: { stageMs: 5 } });
    cleanups.push(() => h.close());
    const served = await withAliyunReceiver(h);
    h.sandbox.setEvents({ aliyunCallbackUrl: 'http://127.0.0.1:1/nowhere' });
    const { videoId } = await aliyunUpload(h, 'alice');
    const body = JSON.stringify({ EventType: 'FileUploadComplete', VideoId: videoId, Status: 'success' });
    const now = Math.floor(Date.now() / 1000);
    const post = (headers: Record<string, string>) => fetch(served.url, { method: 'POST', headers, body });

    const forged = await post(aliyunSigned(served.url, now, 'not-the-auth-key'));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: 'bad_signature' });
    const stale = await post(aliyunSigned(served.url, now - 301));
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual({ error: 'stale_timestamp' });
    expect(h.events).toEqual([]);

    const signed = aliyunSigned(served.url, now);
    expect((await post(signed)).status).toBe(200);
    const replay = await post(signed);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toEqual({ error: 'replayed' });
    expect(ofMedia(h, videoId).filter((e) => e.type === 'media.uploaded')).toHaveLength(1);
  });

  it('media events: with the store down, a signed Alibaba callback is answered 503 store_unavailable and reported', async () => {
    const store = downStore();
    const errors: unknown[] = [];
    const events: MediaEvent[] = [];
    const url = 'http://127.0.0.1/aliyun/callback';
    const receiver = createAliyunCallbackReceiver({
      config: {
        aliyun: { accessKeyId: 'LTAI-down', accessKeySecret: 'secret-down', regionId: 'cn-shanghai' },
        allowAnyone: true,
        onMediaEvent: (event) => {
          events.push(event);
        },
        onError: (error) => {
          errors.push(error);
        },
      },
      store,
      callbackUrl: url,
      authKey: 'down-auth-key',
    });
    const answer = await receiver(
      new Request(url, {
        method: 'POST',
        headers: aliyunSigned(url, Math.floor(Date.now() / 1000), 'down-auth-key'),
        body: JSON.stringify({ EventType: 'FileUploadComplete', VideoId: 'v-down', Status: 'success' }),
      }),
    );
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ error: 'store_unavailable' });
    expect(errors).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('media events: a duplicated callback reaches the app once', async () => {
    const h = await startMediaHarness();
    cleanups.push(() => h.close());
    await withAliyunReceiver(h);
    h.sandbox.context.faults.set({ callbacks: { duplicate: 10 } });
    const { videoId } = await aliyunUpload(h, 'alice');
    await until(() => ofMedia(h, videoId).some((e) => e.type === 'media.ready'));
    await h.sandbox.context.events.idle();
    const sent = h.sandbox.context.events.sent.filter((s) => s.kind === 'aliyun-callback');
    expect(sent.filter((s) => s.eventType === 'FileUploadComplete').length).toBeGreaterThanOrEqual(2);
    const events = ofMedia(h, videoId);
    expect(events.map((e) => e.type)).toEqual(['media.uploaded', 'media.processing', 'media.ready']);
    const ready = events[2] as Extract<MediaEvent, { type: 'media.ready' }>;
    expect(ready.source).toBe('aliyun-callback');
    expect(await sha256Of(ready.playUrls[0]!)).toBe(sha256(SAMPLE_MP4));
    expect((await fetch(ready.posterUrl!)).headers.get('content-type')).toMatch(/^image\//);
  });

  it('media events: a failed transcode gives media.failed with its reason (Tencent poller, Alibaba callback)', async () => {
    const h = await startMediaHarness();
    cleanups.push(() => h.close());
    await withPoller(h);
    await withAliyunReceiver(h);
    const cases = [
      { upload: tencentUpload, user: 'alice', reason: 'moov atom not found', code: 'InvalidSource' },
      { upload: aliyunUpload, user: 'bob', reason: 'unsupported codec', code: 'CodecError' },
    ];
    for (const { upload, user, reason, code } of cases) {
      h.sandbox.context.faults.set({ failTranscode: { count: 1, reason, code } });
      const { mediaId } = await upload(h, user);
      await until(() => ofMedia(h, mediaId).some((e) => e.type === 'media.failed'));
      expect(ofMedia(h, mediaId).find((e) => e.type === 'media.failed')).toMatchObject({
        reason,
        cloudCode: code,
        callerId: user,
      });
      expect(ofMedia(h, mediaId).some((e) => e.type === 'media.ready')).toBe(false);
    }
  });

  it('media events: the event names the rightful caller (two callers, each sees only its own)', async () => {
    const h = await startMediaHarness();
    cleanups.push(() => h.close());
    await withPoller(h);
    await withAliyunReceiver(h);
    const alice = await tencentUpload(h, 'alice');
    const bob = await tencentUpload(h, 'bob');
    const aliceVideo = await aliyunUpload(h, 'alice');
    const bobVideo = await aliyunUpload(h, 'bob');
    const mine = [alice.fileId, aliceVideo.videoId];
    const theirs = [bob.fileId, bobVideo.videoId];
    await until(() =>
      [...mine, ...theirs].every((id) => ofMedia(h, id).some((e) => e.type === 'media.ready')),
    );
    // An app that routes events by callerId gives each caller exactly their own media.
    const seenBy = (caller: string) =>
      new Set(h.events.filter((e) => e.callerId === caller).map((e) => e.mediaId));
    expect([...seenBy('alice')].sort()).toEqual([...mine].sort());
    expect([...seenBy('bob')].sort()).toEqual([...theirs].sort());
    expect(h.events.every((e) => e.callerId === 'alice' || e.callerId === 'bob')).toBe(true);
    // The binding the cloud carries is sealed: neither caller id appears in it.
    const params = (await h.sandbox.context.log.list(0))
      .filter((r) => r.action === 'ApplyUpload')
      .map((r) => r.params);
    expect(JSON.stringify(params)).not.toMatch(/alice|bob/);
    expect(JSON.stringify(params)).toMatch(/vs1\./);
  });

  it('media events: a Tencent push is a hint — the receiver re-reads the cloud and emits what it says', async () => {
    const h = await startMediaHarness({ processing: { stageMs: 400 } });
    cleanups.push(() => h.close());
    const served = await serveReceiver(createTencentPushReceiver({ config: h.config, store: h.store }));
    cleanups.push(served.close);
    h.sandbox.setEvents({ tencentPushUrl: served.url });
    const { fileId } = await tencentUpload(h, 'alice');
    await until(() => ofMedia(h, fileId).some((e) => e.type === 'media.processing'));
    // A forged "finished fine" for the running procedure, and a forged deletion of the live media.
    const task = (ofMedia(h, fileId)[1]?.raw ?? {}) as { FileUploadEvent?: { ProcedureTaskId?: string } };
    const forged = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        EventType: 'ProcedureStateChanged',
        ProcedureStateChangeEvent: {
          TaskId: task.FileUploadEvent?.ProcedureTaskId,
          FileId: fileId,
          Status: 'FINISH',
          ErrCode: 0,
        },
      }),
    });
    expect(forged.status).toBe(200);
    const deletion = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ EventType: 'FileDeleted', FileDeleteEvent: { FileIdSet: [fileId] } }),
    });
    expect(deletion.status).toBe(200);
    expect(ofMedia(h, fileId).map((e) => e.type)).toEqual(['media.uploaded', 'media.processing']);
    // The real push of the finished procedure then gives media.ready, once.
    await until(() => ofMedia(h, fileId).some((e) => e.type === 'media.ready'));
    await h.sandbox.context.events.idle();
    expect(ofMedia(h, fileId).map((e) => e.type)).toEqual([
      'media.uploaded',
      'media.processing',
      'media.ready',
    ]);
    expect(ofMedia(h, fileId).every((e) => e.source === 'tencent-push' && e.callerId === 'alice')).toBe(true);
  });

  it('media events: two pollers sharing a store run as one (the lease), and the other takes over when it stops', async () => {
    const h = await startMediaHarness();
    cleanups.push(() => h.close());
    const by: Record<string, string[]> = { first: [], second: [] };
    const poller = (name: string) =>
      startTencentEventPoller({
        config: h.config,
        store: h.store,
        retryMs: 50,
        onMediaEvent: (event) => {
          by[name]?.push(event.id);
        },
      });
    const first = poller('first');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = poller('second');
    cleanups.push(() => second.stop());
    const one = await tencentUpload(h, 'alice');
    await until(() => (by.first ?? []).some((id) => id.startsWith(`tencent:${one.fileId}:media.ready`)));
    expect(by.second).toEqual([]);
    await first.stop();
    const two = await tencentUpload(h, 'alice');
    await until(() => (by.second ?? []).some((id) => id.startsWith(`tencent:${two.fileId}:media.ready`)));
    expect((by.first ?? []).some((id) => id.includes(two.fileId))).toBe(false);
  });
});
