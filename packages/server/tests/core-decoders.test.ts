import {
  decodeAliyunCreateUploadImage,
  decodeAliyunCreateUploadVideo,
  decodeAliyunRefreshUploadVideo,
  decodeAliyunUrlUploadInfo,
  decodeEndpointResponse,
  decodeTencentApplyUpload,
  decodeTencentCommitUpload,
  decodeTencentTask,
  isVodUploadError,
} from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { type Answer, eventually, type Harness } from './harness.js';
import { type MediaOrigin, useHarnessWithOrigin } from './support/harness-with-origin.js';

let h: Harness;
let origin: MediaOrigin;

useHarnessWithOrigin({}, (started) => ({ h, origin } = started));

/** What the browser does with an answer: core's endpoint decoder, then the provider's. */
function resultOf(answer: Answer): unknown {
  return decodeEndpointResponse(answer.status, answer.text).result;
}

describe('answers decode with the browser decoders of @vod-uploader/core', () => {
  it('tencent: apply upload, commit upload (error), task', async () => {
    const applied = await h.call('POST', '/tencent/apply-upload', { mediaType: 'mp4', coverType: 'jpg' });
    const target = decodeTencentApplyUpload(resultOf(applied));
    expect(target).toMatchObject({ provider: 'tencent' });
    expect(JSON.stringify(target)).toContain(applied.json.result.Response.VodSessionKey);

    const commit = await h.call('POST', '/tencent/commit-upload', {
      vodSessionKey: applied.json.result.Response.VodSessionKey,
      ticket: decodeEndpointResponse(applied.status, applied.text).ticket,
    });
    // Nothing was uploaded: the endpoint's error survives the hop with its cloud code.
    const thrown = (() => {
      try {
        decodeTencentCommitUpload(resultOf(commit));
      } catch (error) {
        return error;
      }
    })();
    expect(isVodUploadError(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      code: 'cloud_refused',
      cloudCode: 'FailedOperation',
      provider: 'tencent',
    });

    const pulled = await h.call('POST', '/tencent/pull-upload', { mediaUrl: `${origin.url}/sample.mp4` });
    const taskId = pulled.json.result.Response.TaskId;
    const status = await eventually(async () => {
      const decoded = decodeTencentTask(resultOf(await h.call('GET', `/tencent/tasks/${taskId}`)));
      return decoded.state === 'succeeded' || decoded.state === 'failed' ? decoded : undefined;
    });
    expect(status).toMatchObject({ state: 'succeeded' });
  });

  it('aliyun: create video, refresh, create image, URL import status', async () => {
    const created = await h.call('POST', '/aliyun/create-upload-video', { fileName: 'a.mp4', fileSize: 10 });
    const target = decodeAliyunCreateUploadVideo(resultOf(created));
    expect(target).toMatchObject({ provider: 'aliyun' });
    const refreshed = await h.call('POST', '/aliyun/refresh-upload-video', {
      videoId: created.json.result.VideoId,
      ticket: created.json.ticket,
    });
    expect(decodeAliyunRefreshUploadVideo(resultOf(refreshed), target)).toMatchObject({ provider: 'aliyun' });
    const image = await h.call('POST', '/aliyun/create-upload-image', {
      imageType: 'cover',
      imageExt: 'png',
      fileSize: 10,
    });
    expect(decodeAliyunCreateUploadImage(resultOf(image))).toMatchObject({ provider: 'aliyun' });

    const imported = await h.call('POST', '/aliyun/url-import', { mediaUrl: `${origin.url}/sample.mp4?v=2` });
    const jobId = imported.json.result.UploadJobs[0].JobId;
    const status = await eventually(async () => {
      const decoded = decodeAliyunUrlUploadInfo(resultOf(await h.call('GET', `/aliyun/url-import/${jobId}`)));
      return decoded.state === 'succeeded' || decoded.state === 'failed' ? decoded : undefined;
    });
    expect(status).toMatchObject({ state: 'succeeded' });
  });

  it('errors: the same code, field and status-derived class on the browser side', async () => {
    const refused = await h.call('POST', '/tencent/apply-upload', { mediaType: 'exe' });
    expect(() => resultOf(refused)).toThrow(
      expect.objectContaining({ code: 'policy_refused', field: 'mediaType' }),
    );
  });
});
