import { describe, expect, it } from 'vitest';
import { caught } from '../tests/fixtures/caught.js';
import {
  ALIYUN_AUTH,
  aliyunCreateUploadVideo,
  aliyunError,
  base64Json,
} from '../tests/fixtures/cloud-results.js';
import { decodeAliyunCreateUploadVideo, decodeAliyunRefreshUploadVideo } from './index.js';

const previous = decodeAliyunCreateUploadVideo(aliyunCreateUploadVideo());
const freshAuth = { ...ALIYUN_AUTH, AccessKeyId: 'STS.fresh', ExpireUTCTime: '2023-11-15T00:13:20Z' };

describe('decodeAliyunRefreshUploadVideo', () => {
  it('keeps the previous address when the refresh omits UploadAddress', () => {
    const raw = { RequestId: 'refresh-1', VideoId: previous.videoId, UploadAuth: base64Json(freshAuth) };
    const target = decodeAliyunRefreshUploadVideo(raw, previous);
    expect(target).toEqual({
      ...previous,
      credential: {
        ...previous.credential,
        accessKeyId: 'STS.fresh',
        expiresAt: Date.parse('2023-11-15T00:13:20Z'),
      },
      requestId: 'refresh-1',
    });
  });

  it('uses the UploadAddress the refresh sends, and the previous VideoId when it sends none', () => {
    const raw = {
      RequestId: 'refresh-2',
      UploadAddress: base64Json({
        Endpoint: 'oss-cn-beijing.aliyuncs.com',
        Bucket: 'b2',
        FileName: 'sv/新.mp4',
      }),
      UploadAuth: base64Json({ ...freshAuth, Region: undefined }),
    };
    const target = decodeAliyunRefreshUploadVideo(raw, previous);
    expect(target.videoId).toBe(previous.videoId);
    expect(target.endpoint).toBe('https://oss-cn-beijing.aliyuncs.com');
    expect(target.objectKey).toBe('sv/新.mp4');
    expect(target.region).toBe('cn-shanghai');
  });

  it('names UploadAddress when it is absent and there is no previous target', () => {
    const error = caught(() =>
      decodeAliyunRefreshUploadVideo({ VideoId: 'v', UploadAuth: base64Json(freshAuth) }),
    );
    expect(error.code).toBe('decode_failed');
    expect(error.field).toBe('UploadAddress');
  });

  it('names UploadAuth.SecurityToken when the fresh credential lacks it', () => {
    const raw = { VideoId: 'v', UploadAuth: base64Json({ ...freshAuth, SecurityToken: '' }) };
    expect(caught(() => decodeAliyunRefreshUploadVideo(raw, previous)).field).toBe(
      'UploadAuth.SecurityToken',
    );
  });

  it('turns InvalidVideo.NotFound into not_found (the one classification the server uses too)', () => {
    const error = caught(() =>
      decodeAliyunRefreshUploadVideo(aliyunError('InvalidVideo.NotFound', 'gone'), previous),
    );
    expect(error.code).toBe('not_found');
    expect(error.cloudCode).toBe('InvalidVideo.NotFound');
  });
});
