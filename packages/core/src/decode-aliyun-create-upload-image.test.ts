import { describe, expect, it } from 'vitest';
import { caught } from '../tests/fixtures/caught.js';
import { aliyunCreateUploadImage, aliyunError } from '../tests/fixtures/cloud-results.js';
import { decodeAliyunCreateUploadImage } from './index.js';

describe('decodeAliyunCreateUploadImage', () => {
  it('decodes the documented result', () => {
    const target = decodeAliyunCreateUploadImage(aliyunCreateUploadImage());
    expect(target).toMatchObject({
      provider: 'aliyun',
      kind: 'image',
      imageId: 'cc1c13cab6a0f7c2e8ab5fa0d2****',
      imageUrl: 'https://example.aliyundoc.com/image/default/41AE7ADABBE****.png',
      fileUrl: 'https://outin-1d6b8a1f.oss-cn-shanghai.aliyuncs.com/image/default/41AE7ADABBE****.png',
      endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
      objectKey: 'image/default/41AE7ADABBE****.png',
      region: 'cn-shanghai',
    });
    expect(target).not.toHaveProperty('videoId');
  });

  it('names ImageId when it is missing', () => {
    const error = caught(() =>
      decodeAliyunCreateUploadImage({ ...aliyunCreateUploadImage(), ImageId: null }),
    );
    expect(error.code).toBe('decode_failed');
    expect(error.field).toBe('ImageId');
  });

  it('names ImageURL when it is mistyped', () => {
    const error = caught(() => decodeAliyunCreateUploadImage({ ...aliyunCreateUploadImage(), ImageURL: {} }));
    expect(error.field).toBe('ImageURL');
  });

  it('turns the error envelope into cloud_refused', () => {
    const error = caught(() =>
      decodeAliyunCreateUploadImage(aliyunError('InvalidParameter.ImageExt', 'bad ext')),
    );
    expect(error).toMatchObject({
      code: 'cloud_refused',
      cloudCode: 'InvalidParameter.ImageExt',
      provider: 'aliyun',
    });
  });
});
