import { newRequestId } from '@vod-uploader/core';
import { startSandbox } from '@vod-uploader/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizeByUserHeader, type Harness, type HarnessOverrides, startHarness } from './harness.js';
import { downStore } from './support/down-store.js';

/**
 * A create whose answer was lost on the way back is sent again by the browser (Chromium resends a
 * request on a reused connection by itself; the client's retry does too). With the same
 * `requestId` it must not open a second cloud session.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(
  overrides: Omit<HarnessOverrides, 'authorize' | 'allowAnyone'> = {},
): Promise<Harness> {
  const h = await startHarness({ ...overrides, authorize: authorizeByUserHeader });
  cleanups.push(() => h.close());
  return h;
}

const CREATES = [
  {
    route: '/tencent/apply-upload',
    action: 'ApplyUpload',
    body: { mediaType: 'mp4', mediaName: 'clip', fileSize: 1000 },
    idOf: (result: { Response: { VodSessionKey: string } }) => result.Response.VodSessionKey,
  },
  {
    route: '/aliyun/create-upload-video',
    action: 'CreateUploadVideo',
    body: { fileName: 'clip.mp4', title: 'clip', fileSize: 1000 },
    idOf: (result: { VideoId: string }) => result.VideoId,
  },
  {
    route: '/aliyun/create-upload-image',
    action: 'CreateUploadImage',
    body: { imageType: 'cover', imageExt: 'png', fileSize: 1000 },
    idOf: (result: { ImageId: string }) => result.ImageId,
  },
] as const;

function cloudCalls(h: Harness, since: number, action: string): number {
  return h.sandbox.context.log.list(since).filter((r) => r.action === action).length;
}

describe('ownership: a repeated create (its answer lost) opens one session', () => {
  for (const { route, action, body, idOf } of CREATES) {
    it(`ownership: ${action} repeated with the same requestId answers the first session with a fresh ticket; another caller's or another body's is its own`, async () => {
      const h = await harness();
      const since = h.sandbox.context.log.lastSeq;
      const once = { ...body, requestId: newRequestId() };
      const first = await h.call('POST', route, once, { 'x-user': 'alice' });
      const again = await h.call('POST', route, once, { 'x-user': 'alice' });
      expect(first.status, first.text).toBe(200);
      expect(again.status, again.text).toBe(200);
      // biome-ignore lint/suspicious/noExplicitAny: each route's own result shape
      const id = (answer: { json: { result: any } }) => idOf(answer.json.result);
      expect(id(again)).toBe(id(first));
      expect(again.json.ticket).toEqual(expect.any(String));
      expect(cloudCalls(h, since, action)).toBe(1);

      // Bob sending alice's id and body opens his own session; so does alice with another body.
      const bob = await h.call('POST', route, once, { 'x-user': 'bob' });
      const renamed = await h.call('POST', route, { ...once, fileSize: 2000 }, { 'x-user': 'alice' });
      for (const answer of [bob, renamed]) {
        expect(answer.status, answer.text).toBe(200);
        expect(id(answer)).not.toBe(id(first));
      }
      // Without a requestId every call is a call.
      await h.call('POST', route, body, { 'x-user': 'alice' });
      await h.call('POST', route, body, { 'x-user': 'alice' });
      expect(cloudCalls(h, since, action)).toBe(5);
    });
  }

  it("ownership: the repeat's ticket is the session's: Alibaba RefreshUploadVideo takes it, and another caller cannot", async () => {
    const h = await harness();
    const once = { fileName: 'clip.mp4', fileSize: 1000, requestId: newRequestId() };
    await h.call('POST', '/aliyun/create-upload-video', once, { 'x-user': 'alice' });
    const again = await h.call('POST', '/aliyun/create-upload-video', once, { 'x-user': 'alice' });
    const refresh = { videoId: again.json.result.VideoId, ticket: again.json.ticket };
    const mine = await h.call('POST', '/aliyun/refresh-upload-video', refresh, { 'x-user': 'alice' });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json.result.VideoId).toBe(refresh.videoId);
    const theirs = await h.call('POST', '/aliyun/refresh-upload-video', refresh, { 'x-user': 'bob' });
    expect(theirs.json.error).toMatchObject({ code: 'forbidden' });
  });

  it("ownership: legacy v2 ApplyUpload repeated with the same requestId is one session, and the repeat's ticket signs its paths", async () => {
    const sandbox = await startSandbox({ port: 0, cosAccountKeyScope: 'v2-sessions' });
    cleanups.push(() => sandbox.close());
    const h = await startHarness({ authorize: authorizeByUserHeader }, { sandbox, legacyV2: true });
    cleanups.push(() => h.close());
    // A q-sign signature names its key (`q-ak=<SecretId>`); the SecretKey stays checked.
    h.secrets.splice(h.secrets.indexOf(sandbox.descriptor.tencent.secretId), 1);
    const since = h.sandbox.context.log.lastSeq;
    const once = { mediaType: 'mp4', fileSize: 1000, requestId: newRequestId() };
    const first = await h.call('POST', '/tencent/apply-upload', once, { 'x-user': 'alice' });
    const again = await h.call('POST', '/tencent/apply-upload', once, { 'x-user': 'alice' });
    expect(again.json.result.vodSessionKey).toBe(first.json.result.vodSessionKey);
    expect(cloudCalls(h, since, 'v2.ApplyUpload')).toBe(1);
    const key = again.json.result.video.storagePath as string;
    const host = new URL(h.sandbox.descriptor.url).host;
    const signed = await h.call(
      'POST',
      '/tencent/v2/sign-cos',
      { ticket: again.json.ticket, method: 'HEAD', key, headers: { host } },
      { 'x-user': 'alice' },
    );
    expect(signed.status, signed.text).toBe(200);
  });

  it('ownership: a malformed requestId is refused before any cloud call', async () => {
    const h = await harness();
    const since = h.sandbox.context.log.lastSeq;
    for (const requestId of ['short', 'x'.repeat(65), 'has spaces in it, sixteen+']) {
      const answer = await h.call(
        'POST',
        '/tencent/apply-upload',
        { mediaType: 'mp4', requestId },
        { 'x-user': 'alice' },
      );
      expect(answer.json.error).toMatchObject({ code: 'request_invalid', field: 'requestId' });
    }
    expect(cloudCalls(h, since, 'ApplyUpload')).toBe(0);
  });

  it('ownership: with the shared store down, a create still opens its session (unguarded), once per call', async () => {
    const store = downStore();
    const h = await harness({ store, rateLimit: false });
    const since = h.sandbox.context.log.lastSeq;
    const once = { mediaType: 'mp4', requestId: newRequestId() };
    for (let i = 0; i < 2; i++) {
      const answer = await h.call('POST', '/tencent/apply-upload', once, { 'x-user': 'alice' });
      expect(answer.status, answer.text).toBe(200);
    }
    expect(cloudCalls(h, since, 'ApplyUpload')).toBe(2);
  });
});
