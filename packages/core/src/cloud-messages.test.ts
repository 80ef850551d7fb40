import { describe, expect, it } from 'vitest';
import { documentedCodeOf } from '../tests/fixtures/documented-cloud-codes.js';
import { cloudMessageOf, codeForCloudCode, type ProviderKey, userMessageOf, vodError } from './index.js';

/**
 * Each documented code of one seed → our error code (its class in the documented table), and the
 * sentence a person reads for it: the table's own (not the per-code fallback), different in en and
 * zh-CN, and free of any code.
 */
function seedErrorCodes(provider: ProviderKey, cloudCodes: readonly string[]): void {
  const rows = cloudCodes.map((cloudCode) => [cloudCode, documentedCodeOf(provider, cloudCode)] as const);
  it.each(rows)('%s → %s and its own sentence in en and zh-CN', (cloudCode, errorCode) => {
    expect(codeForCloudCode(cloudCode, provider)).toBe(errorCode);
    const seed = cloudMessageOf(provider, cloudCode);
    expect(seed?.errorCode).toBe(errorCode);
    const error = vodError(errorCode, 'the cloud’s own message', { provider, cloudCode, requestId: 'req-1' });
    const en = userMessageOf(error);
    const zh = userMessageOf(error, 'zh-CN');
    expect(en).toBe(seed?.en);
    expect(zh).toBe(seed?.zhCN);
    expect(en).not.toBe(userMessageOf({ code: errorCode }));
    expect(zh).not.toBe(userMessageOf({ code: errorCode }, 'zh-CN'));
    expect(en).not.toBe(zh);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    for (const sentence of [en, zh]) {
      expect(sentence).not.toContain(cloudCode);
      expect(sentence).not.toContain(errorCode);
      expect(sentence).not.toContain('req-1');
      expect(sentence).not.toMatch(/\b\d{4,5}\b|\(code|错误码/);
      expect(sentence).toMatch(/[.。]$/);
    }
  });
}

describe('seed error codes: Tencent ApplyUpload (API 3.0) and its CommitUpload', () => {
  seedErrorCodes('tencent', [
    'FailedOperation',
    'FailedOperation.InvalidVodUser',
    'InternalError',
    'InternalError.GetFileInfoError',
    'InternalError.UploadCoverImageError',
    'InvalidParameter',
    'InvalidParameter.ExpireTime',
    'InvalidParameter.StorageRegion',
    'InvalidParameterValue',
    'InvalidParameterValue.CoverType',
    'InvalidParameterValue.ExpireTime',
    'InvalidParameterValue.MediaType',
    'InvalidParameterValue.StorageRegion',
    'InvalidParameterValue.SubAppId',
    'InvalidParameterValue.Procedure',
    'InvalidParameterValue.VodSessionKey',
    'ResourceNotFound.CoverUrl',
    'ResourceNotFound.FileNotExist',
    'UnauthorizedOperation',
    'AuthFailure.SignatureFailure',
    'AuthFailure.SecretIdNotFound',
    'AuthFailure.SignatureExpire',
    'MissingParameter',
    'UnknownParameter',
    'LimitExceeded',
    'RequestLimitExceeded',
    'InvalidAction',
    'UnsupportedRegion',
  ]);

  it('reads ResourceNotFound.CoverUrl as the cover, not as a lost upload', () => {
    const error = vodError('cloud_refused', 'x', {
      provider: 'tencent',
      cloudCode: 'ResourceNotFound.CoverUrl',
    });
    expect(userMessageOf(error)).toBe(
      'The cover image could not be fetched from its address. Please check the cover link or choose another image.',
    );
    expect(userMessageOf(error, 'zh-CN')).toBe('无法从该地址获取封面图片，请检查封面链接或选择其他图片。');
  });
});

describe('seed error codes: Tencent PullUpload', () => {
  seedErrorCodes('tencent', [
    'FailedOperation.MediaType',
    'InternalError',
    'InvalidParameterValue.MediaUrl',
    'InvalidParameterValue.CoverType',
    'InvalidParameterValue.ExpireTime',
    'InvalidParameterValue.MediaStoragePath',
    'InvalidParameterValue.Procedure',
    'InvalidParameterValue.SessionContextTooLong',
    'InvalidParameterValue.SessionId',
    'InvalidParameterValue.SessionIdTooLong',
    'InvalidParameterValue.StorageRegion',
    'InvalidParameterValue.SubAppId',
    'ResourceNotFound.CoverUrl',
    'ResourceNotFound.TaskNotExist',
    'UnauthorizedOperation',
  ]);
});

describe('seed error codes: Tencent legacy v2 ApplyUpload / CommitUpload (numeric code)', () => {
  seedErrorCodes('tencent', [
    '4000',
    '4100',
    '4101',
    '4102',
    '4103',
    '4104',
    '4110',
    '4300',
    '4400',
    '4500',
    '4600',
    '4700',
    '5000',
    '5100',
    '5200',
    '5300',
    '6000',
    '6100',
    '6200',
    '32001',
  ]);

  it('classifies the rest of the documented ranges (4000–7999 refused, 32000+ internal) with the per-code sentence', () => {
    expect(codeForCloudCode('4999', 'tencent')).toBe('cloud_refused');
    expect(codeForCloudCode('32005', 'tencent')).toBe('cloud_unavailable');
    const error = vodError('cloud_refused', 'x', { provider: 'tencent', cloudCode: '4999' });
    expect(userMessageOf(error)).toBe(userMessageOf({ code: 'cloud_refused' }));
  });
});

describe('seed error codes: Alibaba CreateUploadVideo (and RefreshUploadVideo)', () => {
  seedErrorCodes('aliyun', [
    'MissingTitle',
    'MissingFileName',
    'InvalidFileName.Extension',
    'InvalidParameter',
    'InvalidParameter.Title',
    'InvalidParameter.FileName',
    'InvalidParameter.Description',
    'InvalidParameter.FileSize',
    'InvalidParameter.Tags',
    'InvalidParameter.UserData',
    'InvalidParameter.ReferenceId',
    'InvalidParameter.ReferenceIdExisted',
    'InvalidStorage.NotFound',
    'InvalidTemplateGroupId.NotFound',
    'InvalidCateId.NotFound',
    'InvalidVideo.NotFound',
    'InvalidVideo.Damaged',
    'SignatureDoesNotMatch',
    'InvalidAccessKeyId.NotFound',
    'Forbidden.RAM',
    'InvalidTimeStamp.Expired',
    'InvalidSecurityToken.Expired',
    'SignatureNonceUsed',
    'Throttling.User',
    'InternalError',
    'ServiceUnavailable',
  ]);
});

describe('seed error codes: Alibaba CreateUploadImage', () => {
  seedErrorCodes('aliyun', [
    'MissingImageType',
    'InvalidParameter.ImageType',
    'InvalidParameter.ImageExt',
    'InvalidParameter.Title',
    'InvalidParameter.Description',
    'InvalidParameter.Tags',
    'InvalidParameter.UserData',
    'InvalidStorage.NotFound',
    'InvalidCateId.NotFound',
    'InvalidImage.NotFound',
    'Forbidden.RAM',
    'Throttling.User',
    'InternalError',
    'ServiceUnavailable',
  ]);
});

describe('cloudMessageOf', () => {
  it('is per provider and needs one', () => {
    expect(cloudMessageOf(undefined, 'InternalError')).toBeUndefined();
    expect(cloudMessageOf('s3', 'InternalError')).toBeUndefined();
    expect(cloudMessageOf('aliyun', '4000')).toBeUndefined();
    expect(cloudMessageOf('tencent', 'toString')).toBeUndefined();
  });

  it('keeps the per-code sentence when the error was reclassified (the server’s own key → internal)', () => {
    const error = vodError('internal', 'x', {
      provider: 'tencent',
      cloudCode: 'AuthFailure.SignatureFailure',
    });
    expect(userMessageOf(error)).toBe(userMessageOf({ code: 'internal' }));
  });
});
