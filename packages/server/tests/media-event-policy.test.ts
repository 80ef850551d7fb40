import {
  createAliyunCloud,
  createTencentCloud,
  createTencentPushReceiver,
  type MediaEvent,
  startTencentEventPoller,
} from '@vod-uploader/server';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_MP4, startMediaOrigin } from './media-origin.js';
import {
  type MediaHarness,
  serveAliyunReceiver,
  serveReceiver,
  startMediaHarness,
  until,
} from './support/media-harness.js';
import { ossClientFor } from './upload-clients.js';

/**
 * `maxFileSize` on the event path: a caller who skips the route that checks the stored size
 * (Alibaba complete, an import's status route) still keeps nothing over the limit once the cloud's
 * event arrives, and the app hears of a refusal, not of a ready media.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Below the sample: every upload and import of it is over the limit. */
const LIMIT = SAMPLE_MP4.length - 1;

async function harness(importing = false): Promise<MediaHarness & { originUrl: string }> {
  const origin = await startMediaOrigin();
  cleanups.push(() => origin.close());
  const h = await startMediaHarness(
    { importAllowHosts: [origin.host] },
    { policy: { maxFileSize: LIMIT, ...(importing ? { urlImport: { allowHosts: [origin.host] } } : {}) } },
  );
  cleanups.push(() => h.close());
  return { ...h, originUrl: origin.url };
}

function ofMedia(h: MediaHarness, mediaId: string): MediaEvent[] {
  return h.events.filter((event) => event.mediaId === mediaId);
}

/** The refusal the app is told of instead of media.uploaded / media.ready. */
function expectRefusedOnly(h: MediaHarness, mediaId: string, field: 'fileSize' | 'mediaUrl') {
  const events = ofMedia(h, mediaId);
  expect(events.some((e) => e.type === 'media.uploaded' || e.type === 'media.ready')).toBe(false);
  expect(events.find((e) => e.type === 'media.failed')).toMatchObject({
    code: 'policy_refused',
    callerId: 'alice',
    reason: expect.stringMatching(new RegExp(`^${field}: .*over the limit of ${LIMIT}; it was deleted`)),
  });
}

/** POSTs a pull upload of the sample as alice, never asking its status; the pulled FileId. */
async function pullNeverPolled(h: MediaHarness & { originUrl: string }): Promise<string> {
  const pulled = await h.call(
    'POST',
    '/tencent/pull-upload',
    { mediaUrl: `${h.originUrl}/sample.mp4` },
    { 'x-user': 'alice' },
  );
  expect(pulled.status, pulled.text).toBe(200);
  const taskId = String(pulled.json.result.Response.TaskId);
  let fileId = '';
  await until(() => {
    fileId = h.sandbox.context.state.get<{ fileId?: string }>('tencent-pull-tasks', taskId)?.fileId ?? '';
    return fileId !== '';
  });
  return fileId;
}

async function expectTencentMediaGone(h: MediaHarness, fileId: string) {
  const info = await createTencentCloud(h.config.tencent!).call('DescribeMediaInfos', { FileIds: [fileId] });
  expect(info.NotExistFileIdSet).toEqual([fileId]);
}

async function expectAliyunVideoGone(h: MediaHarness, videoId: string) {
  const read = createAliyunCloud(h.config.aliyun!).call('GetVideoInfo', { VideoId: videoId });
  await expect(read).rejects.toMatchObject({ details: { cloudCode: 'InvalidVideo.NotFound' } });
}

describe('media events: the upload policy', () => {
  it('policy: an Alibaba video over maxFileSize whose complete was never called is deleted when its callback arrives, and no media.ready is delivered', async () => {
    const h = await harness();
    const served = await serveAliyunReceiver(h);
    cleanups.push(served.close);
    // Declared within the limit; the bytes put with the UploadAuth are not; complete is never called.
    const created = await h.call(
      'POST',
      '/aliyun/create-upload-video',
      { fileName: 'sample.mp4', fileSize: 10 },
      { 'x-user': 'alice' },
    );
    expect(created.status, created.text).toBe(200);
    const videoId = String(created.json.result.VideoId);
    const { client, address } = ossClientFor(created.json.result);
    await client.put(String(address.FileName), SAMPLE_MP4);

    await until(() => ofMedia(h, videoId).some((e) => e.type === 'media.failed'));
    await h.sandbox.context.events.idle();
    expectRefusedOnly(h, videoId, 'fileSize');
    await expectAliyunVideoGone(h, videoId);
    await expect(client.head(String(address.FileName))).rejects.toMatchObject({ status: 404 });
  });

  it('policy: an Alibaba URL import over maxFileSize whose status is never read is deleted when its UploadByURLComplete arrives, and no media.ready is delivered', async () => {
    const h = await harness(true);
    const served = await serveAliyunReceiver(h);
    cleanups.push(served.close);
    const imported = await h.call(
      'POST',
      '/aliyun/url-import',
      { mediaUrl: `${h.originUrl}/sample.mp4` },
      { 'x-user': 'alice' },
    );
    expect(imported.status, imported.text).toBe(200);
    const jobId = String(imported.json.result.UploadJobs[0].JobId);
    let videoId = '';
    await until(() => {
      videoId =
        h.sandbox.context.state.get<{ MediaId?: string }>('aliyun-vod-url-jobs', jobId)?.MediaId ?? '';
      return videoId !== '';
    });
    // The sandbox sends the signed UploadByURLComplete, as Alibaba does; nobody reads the status.
    await until(() => ofMedia(h, videoId).some((e) => e.type === 'media.failed'));
    await h.sandbox.context.events.idle();
    expectRefusedOnly(h, videoId, 'mediaUrl');
    await expectAliyunVideoGone(h, videoId);
    expect(h.uploaded).toEqual([]);
  });

  it('policy: a Tencent PullUpload over maxFileSize that is never polled is deleted when the poller sees its PullComplete, and no media.ready is delivered', async () => {
    const h = await harness(true);
    const poller = startTencentEventPoller({ config: h.config, store: h.store, retryMs: 50 });
    cleanups.push(() => poller.stop());
    const fileId = await pullNeverPolled(h);
    await until(() => ofMedia(h, fileId).some((e) => e.type === 'media.failed'));
    // The pull's procedure and the deletion report too: none of them is a ready media.
    await h.sandbox.context.events.idle();
    await until(() => h.sandbox.context.events.tencentQueue.size === 0);
    expectRefusedOnly(h, fileId, 'mediaUrl');
    await expectTencentMediaGone(h, fileId);
    expect(h.uploaded).toEqual([]);
  });

  it('policy: a Tencent PullUpload over maxFileSize that is never polled is deleted when its PullComplete is pushed, and no media.ready is delivered', async () => {
    const h = await harness(true);
    const served = await serveReceiver(createTencentPushReceiver({ config: h.config, store: h.store }));
    cleanups.push(served.close);
    h.sandbox.setEvents({ tencentPushUrl: served.url });
    const fileId = await pullNeverPolled(h);
    await until(() => ofMedia(h, fileId).some((e) => e.type === 'media.failed'));
    await h.sandbox.context.events.idle();
    expectRefusedOnly(h, fileId, 'mediaUrl');
    await expectTencentMediaGone(h, fileId);
    expect(h.uploaded).toEqual([]);
  });
});
