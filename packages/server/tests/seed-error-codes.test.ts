import {
  cloudMessageOf,
  decodeEndpointResponse,
  userMessageOf,
  type VodUploadError,
} from '@vod-uploader/core';
import type { Sandbox } from '@vod-uploader/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, type Harness, startHarness } from './harness.js';
import { startMediaOrigin } from './media-origin.js';

/**
 * One row per seed through the real endpoint and sandbox: the sandbox refuses the seed call with a
 * documented code (fault injection `failVodCalls`), the endpoint answers our error code with the
 * cloud's code, and the browser's decoding (`decodeEndpointResponse` → `userMessageOf`) reads that
 * code's sentence from the seed table, en and zh-CN.
 */
let h: Harness;
let v2: Harness;
let origin: Awaited<ReturnType<typeof startMediaOrigin>>;

beforeAll(async () => {
  origin = await startMediaOrigin();
  h = await startHarness({ policy: { urlImport: { allowHosts: [origin.host] } } });
  h.sandbox.allowImportHost(origin.host);
  v2 = await startHarness({}, { legacyV2: true });
});
afterAll(async () => {
  await h?.close();
  await v2?.close();
  await origin?.close();
});

/** The endpoint's failure as the browser rebuilds it. */
function browserError(answer: Answer): VodUploadError {
  try {
    decodeEndpointResponse(answer.status, answer.text);
  } catch (error) {
    return error as VodUploadError;
  }
  throw new Error(`expected a failure, got ${answer.status} ${answer.text}`);
}

function failNext(sandbox: Sandbox, api: 'tencent-vod' | 'aliyun-vod', action: string, code: string): void {
  sandbox.context.faults.set({ failVodCalls: [{ api, action, count: 1, code }] });
}

/** The endpoint carries `errorCode` and `cloudCode`; the browser's sentence is the table's own. */
function expectSeedSentence(
  answer: Answer,
  provider: 'tencent' | 'aliyun',
  cloudCode: string,
  errorCode: string,
): void {
  const error = browserError(answer);
  expect(error).toMatchObject({ code: errorCode, provider, cloudCode });
  const seed = cloudMessageOf(provider, cloudCode);
  expect(seed?.errorCode).toBe(errorCode);
  expect(userMessageOf(error)).toBe(seed?.en);
  expect(userMessageOf(error, 'zh-CN')).toBe(seed?.zhCN);
  expect(userMessageOf(error)).not.toContain(cloudCode);
}

describe('seed error codes through the endpoint and the sandbox', () => {
  it('seed error codes: Tencent ApplyUpload ResourceNotFound.CoverUrl → cloud_refused and the cover sentence, not "could not be found"', async () => {
    failNext(h.sandbox, 'tencent-vod', 'ApplyUpload', 'ResourceNotFound.CoverUrl');
    const answer = await h.call('POST', '/tencent/apply-upload', { mediaType: 'mp4', coverType: 'jpg' });
    expect(answer.status).toBe(400);
    expectSeedSentence(answer, 'tencent', 'ResourceNotFound.CoverUrl', 'cloud_refused');
    expect(userMessageOf(browserError(answer))).toMatch(/^The cover image could not be fetched/);
  });

  it('seed error codes: Tencent ApplyUpload InvalidParameterValue.SubAppId → cloud_refused and the sub-application sentence', async () => {
    failNext(h.sandbox, 'tencent-vod', 'ApplyUpload', 'InvalidParameterValue.SubAppId');
    const answer = await h.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' });
    expectSeedSentence(answer, 'tencent', 'InvalidParameterValue.SubAppId', 'cloud_refused');
  });

  it('seed error codes: Tencent PullUpload FailedOperation.MediaType → cloud_refused and the media-type sentence', async () => {
    failNext(h.sandbox, 'tencent-vod', 'PullUpload', 'FailedOperation.MediaType');
    const answer = await h.call('POST', '/tencent/pull-upload', { mediaUrl: `${origin.url}/sample.mp4` });
    expectSeedSentence(answer, 'tencent', 'FailedOperation.MediaType', 'cloud_refused');
  });

  it('seed error codes: Tencent legacy v2 ApplyUpload 4000 → cloud_refused, 32001 → cloud_unavailable, each with its sentence', async () => {
    failNext(v2.sandbox, 'tencent-vod', 'v2.ApplyUpload', '4000');
    const refused = await v2.call('POST', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1000 });
    expect(refused.status).toBe(400);
    expectSeedSentence(refused, 'tencent', '4000', 'cloud_refused');

    failNext(v2.sandbox, 'tencent-vod', 'v2.ApplyUpload', '32001');
    const internal = await v2.call('POST', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1000 });
    expectSeedSentence(internal, 'tencent', '32001', 'cloud_unavailable');
  });

  it('seed error codes: Tencent legacy v2 4100 (our key refused) → internal, the code kept for onError only', async () => {
    failNext(v2.sandbox, 'tencent-vod', 'v2.ApplyUpload', '4100');
    const answer = await v2.call('POST', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1000 });
    const error = browserError(answer);
    expect(error.code).toBe('internal');
    expect(error.cloudCode).toBeUndefined();
    expect(userMessageOf(error)).toBe(userMessageOf({ code: 'internal' }));
  });

  it('seed error codes: Alibaba CreateUploadVideo InvalidStorage.NotFound → cloud_refused and the storage sentence', async () => {
    failNext(h.sandbox, 'aliyun-vod', 'CreateUploadVideo', 'InvalidStorage.NotFound');
    const answer = await h.call('POST', '/aliyun/create-upload-video', { fileName: 'a.mp4', title: 'A' });
    expectSeedSentence(answer, 'aliyun', 'InvalidStorage.NotFound', 'cloud_refused');
  });

  it('seed error codes: Alibaba CreateUploadVideo InvalidFileName.Extension → cloud_refused and the extension sentence', async () => {
    // The policy refuses a name without an extension before the cloud is asked; the cloud's own
    // list may still refuse one the policy lets through.
    const early = await h.call('POST', '/aliyun/create-upload-video', { fileName: 'a', title: 'A' });
    expect(browserError(early).code).toBe('policy_refused');
    failNext(h.sandbox, 'aliyun-vod', 'CreateUploadVideo', 'InvalidFileName.Extension');
    const answer = await h.call('POST', '/aliyun/create-upload-video', { fileName: 'a.mp4', title: 'A' });
    expectSeedSentence(answer, 'aliyun', 'InvalidFileName.Extension', 'cloud_refused');
  });

  it('seed error codes: Alibaba CreateUploadImage ServiceUnavailable (503) → cloud_unavailable and its sentence', async () => {
    h.sandbox.context.faults.set({
      failVodCalls: [{ api: 'aliyun-vod', action: 'CreateUploadImage', count: 1, status: 503 }],
    });
    const answer = await h.call('POST', '/aliyun/create-upload-image', {
      imageType: 'default',
      imageExt: 'png',
    });
    expectSeedSentence(answer, 'aliyun', 'ServiceUnavailable', 'cloud_unavailable');
  });

  it('seed error codes: Alibaba CreateUploadImage InvalidParameter.ImageExt → cloud_refused and the image-format sentence', async () => {
    failNext(h.sandbox, 'aliyun-vod', 'CreateUploadImage', 'InvalidParameter.ImageExt');
    const answer = await h.call('POST', '/aliyun/create-upload-image', {
      imageType: 'default',
      imageExt: 'png',
    });
    expectSeedSentence(answer, 'aliyun', 'InvalidParameter.ImageExt', 'cloud_refused');
  });
});
