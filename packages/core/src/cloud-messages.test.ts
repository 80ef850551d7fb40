import { describe, expect, it } from 'vitest';
import {
  cloudMessageOf,
  codeForCloudCode,
  type ProviderKey,
  userMessageOf,
  type VodUploadErrorCode,
  vodError,
} from './index.js';

type Row = readonly [cloudCode: string, errorCode: VodUploadErrorCode];

/**
 * Each documented code of one seed → our error code, and the sentence a person reads for it: the
 * table's own (not the per-code fallback), different in en and zh-CN, and free of any code.
 */
function seedErrorCodes(provider: ProviderKey, rows: readonly Row[]): void {
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
    ['FailedOperation', 'cloud_refused'],
    ['FailedOperation.InvalidVodUser', 'cloud_refused'],
    ['InternalError', 'cloud_unavailable'],
    ['InternalError.GetFileInfoError', 'cloud_unavailable'],
    ['InternalError.UploadCoverImageError', 'cloud_unavailable'],
    ['InvalidParameter', 'cloud_refused'],
    ['InvalidParameter.ExpireTime', 'cloud_refused'],
    ['InvalidParameter.StorageRegion', 'cloud_refused'],
    ['InvalidParameterValue', 'cloud_refused'],
    ['InvalidParameterValue.CoverType', 'cloud_refused'],
    ['InvalidParameterValue.ExpireTime', 'cloud_refused'],
    ['InvalidParameterValue.MediaType', 'cloud_refused'],
    ['InvalidParameterValue.StorageRegion', 'cloud_refused'],
    ['InvalidParameterValue.SubAppId', 'cloud_refused'],
    ['InvalidParameterValue.Procedure', 'cloud_refused'],
    ['InvalidParameterValue.VodSessionKey', 'cloud_refused'],
    ['ResourceNotFound.CoverUrl', 'cloud_refused'],
    ['ResourceNotFound.FileNotExist', 'not_found'],
    ['UnauthorizedOperation', 'cloud_refused'],
    ['AuthFailure.SignatureFailure', 'cloud_refused'],
    ['AuthFailure.SecretIdNotFound', 'cloud_refused'],
    ['AuthFailure.SignatureExpire', 'credential_expired'],
    ['MissingParameter', 'cloud_refused'],
    ['UnknownParameter', 'cloud_refused'],
    ['LimitExceeded', 'cloud_refused'],
    ['RequestLimitExceeded', 'rate_limited'],
    ['InvalidAction', 'cloud_refused'],
    ['UnsupportedRegion', 'cloud_refused'],
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
    ['FailedOperation.MediaType', 'cloud_refused'],
    ['InternalError', 'cloud_unavailable'],
    ['InvalidParameterValue.MediaUrl', 'cloud_refused'],
    ['InvalidParameterValue.CoverType', 'cloud_refused'],
    ['InvalidParameterValue.ExpireTime', 'cloud_refused'],
    ['InvalidParameterValue.MediaStoragePath', 'cloud_refused'],
    ['InvalidParameterValue.Procedure', 'cloud_refused'],
    ['InvalidParameterValue.SessionContextTooLong', 'cloud_refused'],
    ['InvalidParameterValue.SessionId', 'already_imported'],
    ['InvalidParameterValue.SessionIdTooLong', 'cloud_refused'],
    ['InvalidParameterValue.StorageRegion', 'cloud_refused'],
    ['InvalidParameterValue.SubAppId', 'cloud_refused'],
    ['ResourceNotFound.CoverUrl', 'cloud_refused'],
    ['ResourceNotFound.TaskNotExist', 'not_found'],
    ['UnauthorizedOperation', 'cloud_refused'],
  ]);
});

describe('seed error codes: Tencent legacy v2 ApplyUpload / CommitUpload (numeric code)', () => {
  seedErrorCodes('tencent', [
    ['4000', 'cloud_refused'],
    ['4100', 'cloud_refused'],
    ['4101', 'cloud_refused'],
    ['4102', 'cloud_refused'],
    ['4103', 'cloud_refused'],
    ['4104', 'cloud_refused'],
    ['4110', 'cloud_refused'],
    ['4300', 'cloud_refused'],
    ['4400', 'cloud_refused'],
    ['4500', 'credential_expired'],
    ['4600', 'cloud_refused'],
    ['4700', 'cloud_refused'],
    ['5000', 'not_found'],
    ['5100', 'cloud_refused'],
    ['5200', 'cloud_refused'],
    ['5300', 'cloud_refused'],
    ['6000', 'cloud_unavailable'],
    ['6100', 'cloud_refused'],
    ['6200', 'cloud_unavailable'],
    ['32001', 'cloud_unavailable'],
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
    ['MissingTitle', 'cloud_refused'],
    ['MissingFileName', 'cloud_refused'],
    ['InvalidFileName.Extension', 'cloud_refused'],
    ['InvalidParameter', 'cloud_refused'],
    ['InvalidParameter.Title', 'cloud_refused'],
    ['InvalidParameter.FileName', 'cloud_refused'],
    ['InvalidParameter.Description', 'cloud_refused'],
    ['InvalidParameter.FileSize', 'cloud_refused'],
    ['InvalidParameter.Tags', 'cloud_refused'],
    ['InvalidParameter.UserData', 'cloud_refused'],
    ['InvalidParameter.ReferenceId', 'cloud_refused'],
    ['InvalidParameter.ReferenceIdExisted', 'cloud_refused'],
    ['InvalidStorage.NotFound', 'cloud_refused'],
    ['InvalidTemplateGroupId.NotFound', 'cloud_refused'],
    ['InvalidCateId.NotFound', 'cloud_refused'],
    ['InvalidVideo.NotFound', 'not_found'],
    ['InvalidVideo.Damaged', 'cloud_refused'],
    ['SignatureDoesNotMatch', 'cloud_refused'],
    ['InvalidAccessKeyId.NotFound', 'cloud_refused'],
    ['Forbidden.RAM', 'cloud_refused'],
    ['InvalidTimeStamp.Expired', 'credential_expired'],
    ['InvalidSecurityToken.Expired', 'credential_expired'],
    ['SignatureNonceUsed', 'cloud_unavailable'],
    ['Throttling.User', 'rate_limited'],
    ['InternalError', 'cloud_unavailable'],
    ['ServiceUnavailable', 'cloud_unavailable'],
  ]);
});

describe('seed error codes: Alibaba CreateUploadImage', () => {
  seedErrorCodes('aliyun', [
    ['MissingImageType', 'cloud_refused'],
    ['InvalidParameter.ImageType', 'cloud_refused'],
    ['InvalidParameter.ImageExt', 'cloud_refused'],
    ['InvalidParameter.Title', 'cloud_refused'],
    ['InvalidParameter.Description', 'cloud_refused'],
    ['InvalidParameter.Tags', 'cloud_refused'],
    ['InvalidParameter.UserData', 'cloud_refused'],
    ['InvalidStorage.NotFound', 'cloud_refused'],
    ['InvalidCateId.NotFound', 'cloud_refused'],
    ['InvalidImage.NotFound', 'not_found'],
    ['Forbidden.RAM', 'cloud_refused'],
    ['Throttling.User', 'rate_limited'],
    ['InternalError', 'cloud_unavailable'],
    ['ServiceUnavailable', 'cloud_unavailable'],
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
