import { describe, expect, it } from 'vitest';
import { caught, failedField } from '../tests/fixtures/caught.js';
import { tencentCommitUpload, tencentError } from '../tests/fixtures/cloud-results.js';
import { decodeTencentCommitUpload } from './index.js';

describe('decodeTencentCommitUpload', () => {
  it('decodes the documented API 3.0 result', () => {
    expect(decodeTencentCommitUpload(tencentCommitUpload())).toEqual({
      fileId: '5285485487985271487',
      mediaUrl: 'http://1251000000.vod2.myqcloud.com/xxx/xxx/f0.mp4',
      coverUrl: 'http://1251000000.vod2.myqcloud.com/xxx/xxx/cover.jpg',
      requestId: '6ca31e3a-6b8e-4b4e-9256-fdc700064ef3',
    });
  });

  it('leaves coverUrl out when the cloud sends an empty one', () => {
    const raw = tencentCommitUpload();
    raw.Response.CoverUrl = '';
    expect(decodeTencentCommitUpload(raw)).not.toHaveProperty('coverUrl');
  });

  it('decodes the legacy v2 result', () => {
    expect(
      decodeTencentCommitUpload({ code: 0, message: '', fileId: '42', video: { url: 'http://v/f.mp4' } }),
    ).toEqual({ fileId: '42', mediaUrl: 'http://v/f.mp4' });
  });

  it.each([
    // A numeric FileId has already lost digits in JSON.parse: refuse it rather than pass a wrong id on.
    ['Response.FileId', { FileId: Number('5285485487985271487') }],
    ['Response.MediaUrl', { MediaUrl: undefined }],
    ['Response.RequestId', { RequestId: '' }],
  ])('names %s when it is missing or mistyped', (field, patch) => {
    const raw = { Response: { ...tencentCommitUpload().Response, ...patch } };
    expect(failedField(() => decodeTencentCommitUpload(raw))).toBe(field);
  });

  it('turns an error result into cloud_refused', () => {
    const error = caught(() =>
      decodeTencentCommitUpload(tencentError('InvalidParameterValue.VodSessionKey', 'bad')),
    );
    expect(error).toMatchObject({ code: 'cloud_refused', cloudCode: 'InvalidParameterValue.VodSessionKey' });
    expect(error.requestId).toBe('e4d7c1b0-0000-4a8c-9d1e-1234567890ab');
  });
});
