import { describe, expect, it } from 'vitest';
import {
  classifyCloudError,
  codeForCloudCode,
  listedCloudCodes,
  type ProviderKey,
  VodCredentialError,
  type VodUploadErrorCode,
  vodErrorFromCloud,
  wordedCloudCodes,
} from './index.js';

/** [cloud code, our code, the cloud refused the signer's own credential]. */
type Documented = readonly [cloudCode: string, code: VodUploadErrorCode, ownKey?: 'own key'];

/** The XML codes COS, OSS and S3 all document for PutObject and the multipart calls. */
const OBJECT_STORE: readonly Documented[] = [
  ['AccessDenied', 'cloud_refused', 'own key'],
  ['SignatureDoesNotMatch', 'cloud_refused', 'own key'],
  ['RequestTimeTooSkewed', 'credential_expired', 'own key'],
  ['BadDigest', 'cloud_refused'],
  ['InvalidDigest', 'cloud_refused'],
  ['EntityTooLarge', 'cloud_refused'],
  ['EntityTooSmall', 'cloud_refused'],
  ['InvalidArgument', 'cloud_refused'],
  ['InvalidBucketName', 'cloud_refused'],
  ['InvalidPart', 'cloud_refused'],
  ['InvalidPartOrder', 'cloud_refused'],
  ['InvalidRequest', 'cloud_refused'],
  ['InvalidURI', 'cloud_refused'],
  ['KeyTooLong', 'cloud_refused'],
  ['MalformedXML', 'cloud_refused'],
  ['MissingContentLength', 'cloud_refused'],
  ['MethodNotAllowed', 'cloud_refused'],
  ['PreconditionFailed', 'cloud_refused'],
  ['RequestTimeout', 'cloud_refused'],
  ['NoSuchBucket', 'cloud_refused'],
  ['NoSuchKey', 'not_found'],
  ['NoSuchUpload', 'not_found'],
  ['NotImplemented', 'cloud_refused'],
  ['InternalError', 'cloud_unavailable'],
  ['ServiceUnavailable', 'cloud_unavailable'],
  ['SlowDown', 'rate_limited'],
];

/**
 * Every code each cloud documents for the calls we make, with its class. Codes marked "unconfirmed"
 * were not found in a stored copy of the cloud's pages (they come from the SDKs and the seeds).
 */
const DOCUMENTED: Readonly<Record<ProviderKey, readonly Documented[]>> = {
  tencent: [
    ...OBJECT_STORE,
    // COS, a temporary credential that ran out. Unconfirmed: ExpiredToken, InvalidAccessKeyId on COS.
    ['ExpiredToken', 'credential_expired', 'own key'],
    ['InvalidAccessKeyId', 'credential_expired', 'own key'],
    // VOD API 3.0 common codes.
    ['ActionOffline', 'cloud_refused'],
    ['AuthFailure', 'cloud_refused', 'own key'],
    ['AuthFailure.InvalidAuthorization', 'cloud_refused', 'own key'],
    ['AuthFailure.InvalidSecretId', 'cloud_refused', 'own key'],
    ['AuthFailure.MFAFailure', 'cloud_refused', 'own key'],
    ['AuthFailure.SecretIdNotFound', 'cloud_refused', 'own key'],
    ['AuthFailure.SignatureExpire', 'credential_expired', 'own key'],
    ['AuthFailure.SignatureFailure', 'cloud_refused', 'own key'],
    ['AuthFailure.TokenFailure', 'cloud_refused', 'own key'],
    ['AuthFailure.UnauthorizedOperation', 'cloud_refused', 'own key'],
    ['DryRunOperation', 'cloud_refused'],
    ['FailedOperation', 'cloud_refused'],
    ['InternalError', 'cloud_unavailable'],
    ['InvalidAction', 'cloud_refused'],
    ['InvalidParameter', 'cloud_refused'],
    ['InvalidParameterValue', 'cloud_refused'],
    ['InvalidRequest', 'cloud_refused'],
    ['IpInBlacklist', 'cloud_refused', 'own key'],
    ['IpNotInWhitelist', 'cloud_refused', 'own key'],
    ['LimitExceeded', 'cloud_refused'],
    ['MissingParameter', 'cloud_refused'],
    ['NoSuchVersion', 'cloud_refused'],
    ['OperationDenied', 'cloud_refused', 'own key'],
    ['RequestLimitExceeded', 'rate_limited'],
    ['RequestSizeLimitExceeded', 'cloud_refused'],
    ['ResourceInUse', 'cloud_refused'],
    ['ResourceInsufficient', 'cloud_refused'],
    ['ResourceNotFound', 'not_found'],
    ['ResourceUnavailable', 'cloud_refused'],
    ['ResponseSizeLimitExceeded', 'cloud_refused'],
    ['ServiceUnavailable', 'cloud_unavailable'],
    ['UnauthorizedOperation', 'cloud_refused', 'own key'],
    ['UnknownParameter', 'cloud_refused'],
    ['UnsupportedOperation', 'cloud_refused'],
    ['UnsupportedProtocol', 'cloud_refused'],
    ['UnsupportedRegion', 'cloud_refused'],
    // ApplyUpload, CommitUpload.
    ['FailedOperation.InvalidVodUser', 'cloud_refused'],
    ['InternalError.GetFileInfoError', 'cloud_unavailable'],
    ['InternalError.UploadCoverImageError', 'cloud_unavailable'],
    ['InvalidParameter.ExpireTime', 'cloud_refused'],
    ['InvalidParameter.StorageRegion', 'cloud_refused'],
    ['InvalidParameterValue.CoverType', 'cloud_refused'],
    ['InvalidParameterValue.ExpireTime', 'cloud_refused'],
    ['InvalidParameterValue.MediaType', 'cloud_refused'],
    ['InvalidParameterValue.Procedure', 'cloud_refused'],
    ['InvalidParameterValue.StorageRegion', 'cloud_refused'],
    ['InvalidParameterValue.SubAppId', 'cloud_refused'],
    ['InvalidParameterValue.VodSessionKey', 'cloud_refused'],
    ['ResourceNotFound.CoverUrl', 'cloud_refused'],
    // PullUpload.
    ['FailedOperation.MediaType', 'cloud_refused'],
    ['InvalidParameterValue.MediaUrl', 'cloud_refused'],
    ['InvalidParameterValue.MediaStoragePath', 'cloud_refused'],
    ['InvalidParameterValue.SessionId', 'already_imported'],
    ['InvalidParameterValue.SessionIdTooLong', 'cloud_refused'],
    ['InvalidParameterValue.SessionContextTooLong', 'cloud_refused'],
    // DescribeMediaInfos, DescribeTaskDetail, DeleteMedia. Unconfirmed: FileId, TaskId,
    // FailedOperation.InvalidAccount, FailedOperation.MediaForbidedBySystem, UserNotExist.
    ['FailedOperation.InvalidAccount', 'cloud_refused'],
    ['FailedOperation.MediaForbidedBySystem', 'cloud_refused'],
    ['InvalidParameterValue.FileId', 'cloud_refused'],
    ['InvalidParameterValue.FileIds', 'cloud_refused'],
    ['InvalidParameterValue.Filters', 'cloud_refused'],
    ['InvalidParameterValue.TaskId', 'cloud_refused'],
    ['ResourceNotFound.FileNotExist', 'not_found'],
    ['ResourceNotFound.TaskNotExist', 'not_found'],
    ['ResourceNotFound.UserNotExist', 'cloud_refused'],
    // Legacy v2 common codes. Unconfirmed: 4700, 32001 (the seed's "internal").
    ['4000', 'cloud_refused'],
    ['4100', 'cloud_refused', 'own key'],
    ['4101', 'cloud_refused', 'own key'],
    ['4102', 'cloud_refused', 'own key'],
    ['4103', 'cloud_refused', 'own key'],
    ['4104', 'cloud_refused', 'own key'],
    ['4105', 'cloud_refused', 'own key'],
    ['4106', 'cloud_refused', 'own key'],
    ['4110', 'cloud_refused', 'own key'],
    ['4200', 'credential_expired', 'own key'],
    ['4300', 'cloud_refused'],
    ['4400', 'cloud_refused'],
    ['4500', 'credential_expired', 'own key'],
    ['4600', 'cloud_refused'],
    ['4700', 'cloud_refused', 'own key'],
    ['5000', 'not_found'],
    ['5100', 'cloud_refused'],
    ['5200', 'cloud_refused'],
    ['5300', 'cloud_refused'],
    ['6000', 'cloud_unavailable'],
    ['6100', 'cloud_refused'],
    ['6200', 'cloud_unavailable'],
    ['32001', 'cloud_unavailable'],
  ],
  aliyun: [
    ...OBJECT_STORE,
    // OSS.
    ['SecurityTokenExpired', 'credential_expired', 'own key'],
    ['InvalidAccessKeyId', 'credential_expired', 'own key'],
    ['InvalidObjectName', 'cloud_refused'],
    ['FileAlreadyExists', 'cloud_refused'],
    // The POP gateway's common codes.
    ['Forbidden', 'cloud_refused', 'own key'],
    ['Forbidden.RAM', 'cloud_refused', 'own key'],
    ['Forbidden.NoPermission', 'cloud_refused', 'own key'],
    ['Forbidden.AccessDenied', 'cloud_refused', 'own key'],
    ['InvalidAccessKeyId.NotFound', 'cloud_refused', 'own key'],
    ['InvalidAccessKeyId.Inactive', 'cloud_refused', 'own key'],
    ['InvalidSecurityToken', 'cloud_refused', 'own key'],
    ['InvalidSecurityToken.Expired', 'credential_expired', 'own key'],
    ['InvalidSecurityToken.Malformed', 'cloud_refused', 'own key'],
    ['InvalidSecurityToken.MismatchWithAccessKey', 'cloud_refused', 'own key'],
    ['InvalidTimeStamp', 'cloud_refused', 'own key'],
    ['InvalidTimeStamp.Expired', 'credential_expired', 'own key'],
    ['InvalidTimeStamp.Format', 'cloud_refused'],
    ['InvalidSignatureMethod', 'cloud_refused'],
    ['InvalidSignatureVersion', 'cloud_refused'],
    ['InvalidVersion', 'cloud_refused'],
    ['InvalidAction.NotFound', 'cloud_refused'],
    ['UnsupportedHTTPMethod', 'cloud_refused'],
    ['MissingParameter', 'cloud_refused'],
    ['SignatureNonceUsed', 'cloud_unavailable'],
    ['Throttling', 'rate_limited'],
    ['Throttling.User', 'rate_limited'],
    ['Throttling.Api', 'rate_limited'],
    ['InvalidParameter', 'cloud_refused'],
    // CreateUploadVideo, RefreshUploadVideo, CreateUploadImage.
    ['MissingTitle', 'cloud_refused'],
    ['MissingFileName', 'cloud_refused'],
    ['MissingImageType', 'cloud_refused'],
    ['MissingVideoId', 'cloud_refused'],
    ['InvalidFileName', 'cloud_refused'],
    ['InvalidFileName.Extension', 'cloud_refused'],
    ['InvalidParameter.Title', 'cloud_refused'],
    ['InvalidParameter.FileName', 'cloud_refused'],
    ['InvalidParameter.Description', 'cloud_refused'],
    ['InvalidParameter.FileSize', 'cloud_refused'],
    ['InvalidParameter.Tags', 'cloud_refused'],
    ['InvalidParameter.UserData', 'cloud_refused'],
    ['InvalidParameter.ReferenceId', 'cloud_refused'],
    ['InvalidParameter.ReferenceIdExisted', 'cloud_refused'],
    ['InvalidParameter.ImageType', 'cloud_refused'],
    ['InvalidParameter.ImageExt', 'cloud_refused'],
    ['InvalidStorage.NotFound', 'cloud_refused'],
    ['InvalidTemplateGroupId.NotFound', 'cloud_refused'],
    ['InvalidCateId.NotFound', 'cloud_refused'],
    ['InvalidVideo', 'cloud_refused'],
    ['InvalidVideo.NotFound', 'not_found'],
    ['InvalidVideo.Damaged', 'cloud_refused'],
    ['InvalidImage', 'cloud_refused'],
    ['InvalidImage.NotFound', 'not_found'],
    // UploadMediaByURL, GetURLUploadInfos, UpdateVideoInfo. Unconfirmed: all five.
    ['InvalidParameter.CoverURL', 'cloud_refused'],
    ['InvalidParameter.UploadURLs', 'cloud_refused'],
    ['InvalidParameter.UploadMetadatas', 'cloud_refused'],
    ['InvalidJobId.NotFound', 'not_found'],
    ['Forbidden.IllegalStatus', 'cloud_refused'],
  ],
  s3: [
    ...OBJECT_STORE,
    // A presigned URL carries the server's key: an unknown or expired one is the server's setup.
    ['InvalidAccessKeyId', 'cloud_refused', 'own key'],
    ['InvalidToken', 'cloud_refused', 'own key'],
    ['ExpiredToken', 'credential_expired', 'own key'],
    // HeadObject answers a bare 404 named NotFound.
    ['NotFound', 'not_found'],
    ['KeyTooLongError', 'cloud_refused'],
    ['XAmzContentSHA256Mismatch', 'cloud_refused'],
    ['ConditionalRequestConflict', 'cloud_refused'],
    ['InvalidObjectState', 'cloud_refused'],
  ],
};

describe('the one cloud-error table', () => {
  for (const [provider, rows] of Object.entries(DOCUMENTED) as Array<[ProviderKey, Documented[]]>) {
    it.each(rows)(`${provider} %s → %s`, (cloudCode, code, ownKey) => {
      expect(classifyCloudError({ provider, cloudCode, httpStatus: 400 })).toEqual({
        code,
        ownKeyRefused: ownKey === 'own key',
      });
    });

    it(`lists exactly the ${provider} codes documented here, and every worded code`, () => {
      const documented = new Set(rows.map(([cloudCode]) => cloudCode));
      expect([...listedCloudCodes(provider)].sort()).toEqual([...documented].sort());
      const unlisted = wordedCloudCodes(provider).filter((cloudCode) => !documented.has(cloudCode));
      expect(unlisted).toEqual([]);
    });
  }

  it('resolves the disagreements of the three former tables (issue #14)', () => {
    const tencent = (cloudCode: string) =>
      classifyCloudError({ provider: 'tencent', cloudCode, httpStatus: 200 });
    expect(tencent('RequestLimitExceeded').code).toBe('rate_limited');
    expect(tencent('RequestLimitExceeded.UinLimitExceeded').code).toBe('rate_limited');
    expect(tencent('LimitExceeded').code).toBe('cloud_refused');
    expect(tencent('LimitExceeded.Quota').code).toBe('cloud_refused');
    expect(tencent('4400').code).toBe('cloud_refused');
    expect(tencent('32005').code).toBe('cloud_unavailable');
    expect(tencent('4999').code).toBe('cloud_refused');
  });

  it('reads a code by its family when it has no row of its own', () => {
    expect(codeForCloudCode('InvalidParameterValue.SomethingNew', 'tencent')).toBe('cloud_refused');
    expect(codeForCloudCode('ResourceNotFound.SomethingNew', 'tencent')).toBe('not_found');
    expect(classifyCloudError({ provider: 'tencent', cloudCode: 'AuthFailure.New' }).ownKeyRefused).toBe(
      true,
    );
    expect(codeForCloudCode('Throttling.New', 'aliyun')).toBe('rate_limited');
    // The family is the part before the first dot, never a last segment.
    expect(codeForCloudCode('InvalidParameterValue.ExpireTime', 'tencent')).toBe('cloud_refused');
  });

  it('reads an object store 403 that says "expired" as an expired credential, whatever its code', () => {
    expect(
      classifyCloudError({
        provider: 's3',
        cloudCode: 'AccessDenied',
        httpStatus: 403,
        message: 'Request has expired',
      }),
    ).toEqual({ code: 'credential_expired', ownKeyRefused: true });
    expect(classifyCloudError({ provider: 's3', cloudCode: 'AccessDenied', httpStatus: 403 }).code).toBe(
      'cloud_refused',
    );
  });

  it.each<[number | undefined, VodUploadErrorCode, boolean]>([
    [undefined, 'cloud_unavailable', false],
    [429, 'rate_limited', false],
    [408, 'cloud_unavailable', false],
    [503, 'cloud_unavailable', false],
    [404, 'not_found', false],
    [401, 'cloud_refused', true],
    [403, 'cloud_refused', true],
    [400, 'cloud_refused', false],
  ])('goes by the HTTP status %s for a code it does not list → %s', (httpStatus, code, ownKeyRefused) => {
    const facts = httpStatus === undefined ? {} : { cloudCode: 'SomethingNew', httpStatus };
    expect(classifyCloudError({ provider: 'tencent', ...facts })).toEqual({ code, ownKeyRefused });
  });

  it('reads an unlisted code of an answered call (no status given) as a refusal', () => {
    expect(codeForCloudCode('SomethingNew', 'aliyun')).toBe('cloud_refused');
  });
});

describe('vodErrorFromCloud', () => {
  it('keeps provider, cloud code, request id and picks the subclass', () => {
    const error = vodErrorFromCloud('tencent', 'AuthFailure.SignatureExpire', 'Signature expired', 'req');
    expect(error).toBeInstanceOf(VodCredentialError);
    expect(error.toJSON()).toEqual({
      code: 'credential_expired',
      message: 'Signature expired',
      provider: 'tencent',
      cloudCode: 'AuthFailure.SignatureExpire',
      requestId: 'req',
      retryable: true,
    });
  });

  it('uses the cloud code as message when the cloud gives none', () => {
    expect(vodErrorFromCloud('aliyun', 'Forbidden', '').message).toBe('Forbidden');
  });
});
