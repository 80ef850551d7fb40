import { type VodUploadError, type VodUploadErrorCode, vodError } from './errors.js';
import { isRetryableStatus } from './is-retryable-status.js';
import type { ProviderKey } from './provider.js';

/** What a cloud said when it refused a call: as much of it as the caller has. */
export interface CloudErrorFacts {
  provider?: ProviderKey;
  /** The cloud's own error code (`Response.Error.Code`, the XML `<Code>`, pop-core's `code`, v2 `code`). */
  cloudCode?: string;
  /** HTTP status of the answer; absent (or 0) when no answer came. */
  httpStatus?: number;
  /** The cloud's own message (only read for object stores' expired signatures). */
  message?: string;
}

/** What the table makes of a cloud error. */
export interface CloudErrorClass {
  code: VodUploadErrorCode;
  /**
   * The cloud refused the credential that signed the call: its key, signature, clock or
   * permissions. The server's own rule turns this into `internal` (its permanent key is its setup,
   * not the client's fault); in the browser, which signs with a temporary credential, `code` stands.
   */
  ownKeyRefused: boolean;
  /**
   * The store refused the body because it did not match the checksum the request declared (S3's
   * `BadDigest`): the bytes changed on the way, so the browser sends the part again.
   */
  digestRefused?: true;
  /**
   * The store kept the object the key already holds, as the request asked it to (S3
   * `PreconditionFailed` to `If-None-Match: *`, COS `FileAlreadyExists` to `x-cos-forbid-overwrite`).
   * A browser resends a PUT whose connection dropped before its answer, so the object may be this
   * very PUT's first copy: the uploader checks what is stored instead of failing.
   */
  keyTaken?: true;
}

type Row = Readonly<CloudErrorClass>;

const row = (code: VodUploadErrorCode, ownKeyRefused = false): Row => ({ code, ownKeyRefused });
const REFUSED = row('cloud_refused');
const DIGEST_REFUSED: Row = { ...REFUSED, digestRefused: true };
const OWN_KEY = row('cloud_refused', true);
const KEY_TAKEN: Row = { ...REFUSED, keyTaken: true };
/**
 * A credential or signature past its time: a temporary credential that ran out (the browser gets
 * a new one), or the signer's clock (on the server: its own key, so its setup).
 */
const EXPIRED = row('credential_expired', true);
const UNAVAILABLE = row('cloud_unavailable');
const THROTTLED = row('rate_limited');
const NOT_FOUND = row('not_found');
const IMPORTED = row('already_imported');

/** The XML error codes COS, OSS and S3 share (their REST APIs follow S3's). */
const OBJECT_STORE: Readonly<Record<string, Row>> = {
  AccessDenied: OWN_KEY,
  SignatureDoesNotMatch: OWN_KEY,
  RequestTimeTooSkewed: EXPIRED,
  BadDigest: DIGEST_REFUSED,
  InvalidDigest: REFUSED,
  EntityTooLarge: REFUSED,
  EntityTooSmall: REFUSED,
  InvalidArgument: REFUSED,
  InvalidBucketName: REFUSED,
  InvalidPart: REFUSED,
  InvalidPartOrder: REFUSED,
  InvalidRequest: REFUSED,
  InvalidURI: REFUSED,
  KeyTooLong: REFUSED,
  MalformedXML: REFUSED,
  MissingContentLength: REFUSED,
  MethodNotAllowed: REFUSED,
  PreconditionFailed: KEY_TAKEN,
  // The store closed a body that stalled past its idle window: the connection's fault, sent again.
  RequestTimeout: row('network'),
  // A bucket that is not there is the site's setup; a key or an upload that is gone is ours to redo.
  NoSuchBucket: REFUSED,
  NoSuchKey: NOT_FOUND,
  NoSuchUpload: NOT_FOUND,
  NotImplemented: REFUSED,
  InternalError: UNAVAILABLE,
  ServiceUnavailable: UNAVAILABLE,
  SlowDown: THROTTLED,
};

/**
 * Tencent: VOD API 3.0 (common codes and those of ApplyUpload, CommitUpload, PullUpload,
 * DescribeMediaInfos, DescribeTaskDetail, DeleteMedia), the legacy v2 numeric `code`s, and COS.
 * @see https://www.tencentcloud.com/document/api/266/34188 (VOD API 3.0 common error codes)
 * @see https://www.tencentcloud.com/document/product/266/33413 (ApplyUpload: error codes)
 * @see https://www.tencentcloud.com/document/api/266/34130 (PullUpload: error codes)
 * @see https://cloud.tencent.com/document/api/213/6982 (legacy v2 common error codes)
 * @see https://cloud.tencent.com/document/product/436/7730 (COS error codes)
 */
const TENCENT: Readonly<Record<string, Row>> = {
  ...OBJECT_STORE,
  // COS: a PutObject or Complete with `x-cos-forbid-overwrite: true` on a key that holds an object.
  FileAlreadyExists: KEY_TAKEN,
  // COS: a temporary credential that ran out answers one of these.
  ExpiredToken: EXPIRED,
  InvalidAccessKeyId: EXPIRED,
  AuthFailure: OWN_KEY,
  'AuthFailure.InvalidAuthorization': OWN_KEY,
  'AuthFailure.InvalidSecretId': OWN_KEY,
  'AuthFailure.MFAFailure': OWN_KEY,
  'AuthFailure.SecretIdNotFound': OWN_KEY,
  'AuthFailure.SignatureFailure': OWN_KEY,
  'AuthFailure.TokenFailure': OWN_KEY,
  'AuthFailure.UnauthorizedOperation': OWN_KEY,
  'AuthFailure.SignatureExpire': EXPIRED,
  UnauthorizedOperation: OWN_KEY,
  OperationDenied: OWN_KEY,
  IpInBlacklist: OWN_KEY,
  IpNotInWhitelist: OWN_KEY,
  FailedOperation: REFUSED,
  'FailedOperation.InvalidVodUser': REFUSED,
  'FailedOperation.MediaType': REFUSED,
  'FailedOperation.InvalidAccount': REFUSED,
  'FailedOperation.MediaForbidedBySystem': REFUSED,
  InternalError: UNAVAILABLE,
  'InternalError.GetFileInfoError': UNAVAILABLE,
  'InternalError.UploadCoverImageError': UNAVAILABLE,
  InvalidParameter: REFUSED,
  'InvalidParameter.ExpireTime': REFUSED,
  'InvalidParameter.StorageRegion': REFUSED,
  InvalidParameterValue: REFUSED,
  'InvalidParameterValue.ExpireTime': REFUSED,
  'InvalidParameterValue.StorageRegion': REFUSED,
  'InvalidParameterValue.SubAppId': REFUSED,
  'InvalidParameterValue.MediaType': REFUSED,
  'InvalidParameterValue.CoverType': REFUSED,
  'InvalidParameterValue.VodSessionKey': REFUSED,
  'InvalidParameterValue.MediaUrl': REFUSED,
  'InvalidParameterValue.MediaStoragePath': REFUSED,
  'InvalidParameterValue.Procedure': REFUSED,
  'InvalidParameterValue.FileIds': REFUSED,
  'InvalidParameterValue.Filters': REFUSED,
  'InvalidParameterValue.FileId': REFUSED,
  'InvalidParameterValue.TaskId': REFUSED,
  // PullUpload: the same SessionId within 3 days, i.e. the same link imported again.
  'InvalidParameterValue.SessionId': IMPORTED,
  'InvalidParameterValue.SessionIdTooLong': REFUSED,
  'InvalidParameterValue.SessionContextTooLong': REFUSED,
  MissingParameter: REFUSED,
  UnknownParameter: REFUSED,
  InvalidRequest: REFUSED,
  InvalidAction: REFUSED,
  ActionOffline: REFUSED,
  NoSuchVersion: REFUSED,
  UnsupportedOperation: REFUSED,
  UnsupportedProtocol: REFUSED,
  UnsupportedRegion: REFUSED,
  DryRunOperation: REFUSED,
  // The cover's address, not a lost upload.
  'ResourceNotFound.CoverUrl': REFUSED,
  'ResourceNotFound.FileNotExist': NOT_FOUND,
  'ResourceNotFound.TaskNotExist': NOT_FOUND,
  'ResourceNotFound.UserNotExist': REFUSED,
  ResourceNotFound: NOT_FOUND,
  ResourceInUse: REFUSED,
  ResourceInsufficient: REFUSED,
  ResourceUnavailable: REFUSED,
  // "超过配额限制": a quota of the account (the site owner raises it), not a rate.
  LimitExceeded: REFUSED,
  RequestLimitExceeded: THROTTLED,
  RequestSizeLimitExceeded: REFUSED,
  ResponseSizeLimitExceeded: REFUSED,
  ServiceUnavailable: UNAVAILABLE,
  // Legacy v2 (`vod.api.qcloud.com/v2`), numeric codes as strings.
  '4000': REFUSED,
  '4100': OWN_KEY,
  '4101': OWN_KEY,
  '4102': OWN_KEY,
  '4103': OWN_KEY,
  '4104': OWN_KEY,
  '4105': OWN_KEY,
  '4106': OWN_KEY,
  '4110': OWN_KEY,
  // "请求已过期" and "重放攻击" (Nonce repeated, Timestamp over 5 minutes off): the signer's clock.
  '4200': EXPIRED,
  '4500': EXPIRED,
  '4300': REFUSED,
  // "超过配额 … 请提交工单": a quota to raise, not a rate to wait out.
  '4400': REFUSED,
  '4600': REFUSED,
  '4700': OWN_KEY,
  '5000': NOT_FOUND,
  '5100': REFUSED,
  '5200': REFUSED,
  '5300': REFUSED,
  '6000': UNAVAILABLE,
  '6100': REFUSED,
  '6200': UNAVAILABLE,
  '32001': UNAVAILABLE,
};

/**
 * Alibaba: ApsaraVideo VOD RPC (the POP gateway's common codes and those of CreateUploadVideo,
 * RefreshUploadVideo, CreateUploadImage, UploadMediaByURL, GetURLUploadInfos, GetVideoInfo,
 * GetImageInfo, GetMezzanineInfo, DeleteVideo, UpdateVideoInfo) and OSS.
 * @see https://api.aliyun.com/document/vod/2017-03-21/errorCode
 * @see https://help.aliyun.com/document_detail/55407.html (CreateUploadVideo)
 * @see https://help.aliyun.com/document_detail/55619.html (CreateUploadImage)
 * @see https://help.aliyun.com/zh/oss/support/oss-error-codes (OSS error codes)
 */
const ALIYUN: Readonly<Record<string, Row>> = {
  ...OBJECT_STORE,
  // OSS: an STS credential that ran out (its AccessKeyId is then unknown to OSS too).
  SecurityTokenExpired: EXPIRED,
  InvalidAccessKeyId: EXPIRED,
  InvalidObjectName: REFUSED,
  FileAlreadyExists: REFUSED,
  SignatureDoesNotMatch: OWN_KEY,
  'InvalidAccessKeyId.NotFound': OWN_KEY,
  'InvalidAccessKeyId.Inactive': OWN_KEY,
  'InvalidSecurityToken.MismatchWithAccessKey': OWN_KEY,
  'InvalidSecurityToken.Malformed': OWN_KEY,
  'Forbidden.RAM': OWN_KEY,
  'Forbidden.NoPermission': OWN_KEY,
  'Forbidden.AccessDenied': OWN_KEY,
  Forbidden: OWN_KEY,
  InvalidTimeStamp: OWN_KEY,
  InvalidSecurityToken: OWN_KEY,
  'InvalidTimeStamp.Expired': EXPIRED,
  'InvalidSecurityToken.Expired': EXPIRED,
  'InvalidTimeStamp.Format': REFUSED,
  InvalidSignatureMethod: REFUSED,
  InvalidSignatureVersion: REFUSED,
  InvalidVersion: REFUSED,
  'InvalidAction.NotFound': REFUSED,
  UnsupportedHTTPMethod: REFUSED,
  MissingParameter: REFUSED,
  // The gateway saw the same SignatureNonce twice: signing again with a new one passes.
  SignatureNonceUsed: UNAVAILABLE,
  Throttling: THROTTLED,
  'Throttling.User': THROTTLED,
  'Throttling.Api': THROTTLED,
  InternalError: UNAVAILABLE,
  ServiceUnavailable: UNAVAILABLE,
  InvalidParameter: REFUSED,
  MissingTitle: REFUSED,
  MissingFileName: REFUSED,
  MissingImageType: REFUSED,
  MissingVideoId: REFUSED,
  'InvalidFileName.Extension': REFUSED,
  'InvalidParameter.Title': REFUSED,
  'InvalidParameter.FileName': REFUSED,
  'InvalidParameter.Description': REFUSED,
  'InvalidParameter.FileSize': REFUSED,
  'InvalidParameter.Tags': REFUSED,
  'InvalidParameter.UserData': REFUSED,
  'InvalidParameter.ReferenceId': REFUSED,
  'InvalidParameter.ReferenceIdExisted': REFUSED,
  'InvalidParameter.ImageType': REFUSED,
  'InvalidParameter.ImageExt': REFUSED,
  'InvalidParameter.CoverURL': REFUSED,
  'InvalidParameter.UploadURLs': REFUSED,
  'InvalidParameter.UploadMetadatas': REFUSED,
  'InvalidStorage.NotFound': REFUSED,
  'InvalidTemplateGroupId.NotFound': REFUSED,
  'InvalidCateId.NotFound': REFUSED,
  InvalidFileName: REFUSED,
  InvalidVideo: REFUSED,
  InvalidImage: REFUSED,
  'InvalidVideo.NotFound': NOT_FOUND,
  'InvalidVideo.Damaged': REFUSED,
  'InvalidImage.NotFound': NOT_FOUND,
  'InvalidJobId.NotFound': NOT_FOUND,
  'Forbidden.IllegalStatus': REFUSED,
};

/**
 * Any S3-compatible store: the XML codes of PutObject, the multipart calls, HeadObject (a bare 404
 * named `NotFound`) and DeleteObject.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 */
const S3: Readonly<Record<string, Row>> = {
  ...OBJECT_STORE,
  // With a presigned URL, the server's key signed: an unknown or expired key is the server's setup.
  InvalidAccessKeyId: OWN_KEY,
  InvalidToken: OWN_KEY,
  ExpiredToken: EXPIRED,
  NotFound: NOT_FOUND,
  KeyTooLongError: REFUSED,
  XAmzContentSHA256Mismatch: REFUSED,
  ConditionalRequestConflict: REFUSED,
  InvalidObjectState: REFUSED,
};

const TABLES: Readonly<Record<ProviderKey, Readonly<Record<string, Row>>>> = {
  tencent: TENCENT,
  aliyun: ALIYUN,
  s3: S3,
};

/**
 * An object store's 403 whose message says "expired" ("Request has expired": a presigned URL or a
 * signature past its end time), whatever the code.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (AccessDenied)
 * @see https://cloud.tencent.com/document/product/436/7730 (COS: AccessDenied, "Request has expired")
 */
const EXPIRED_MESSAGE = /expired/i;

/**
 * The one classification of cloud errors, for the server and the browser alike:
 * (provider, cloud code, HTTP status, message) → our error code, and whether the cloud refused the
 * signer's own credential. In order: a 403 saying "expired" is an expired credential; a code of the
 * provider's table (exact, or the family before its first `.`); then the HTTP status — no answer at
 * all is `cloud_unavailable`, 429 `rate_limited`, 408/5xx `cloud_unavailable`, 404 `not_found`,
 * 401/403 a refused key, anything else `cloud_refused`.
 *
 * @example
 * classifyCloudError({ provider: 'tencent', cloudCode: 'RequestLimitExceeded', httpStatus: 200 })
 * // { code: 'rate_limited', ownKeyRefused: false }
 */
export function classifyCloudError(facts: CloudErrorFacts): CloudErrorClass {
  const { provider, cloudCode, httpStatus, message } = facts;
  if (httpStatus === 403 && message && EXPIRED_MESSAGE.test(message)) return EXPIRED;
  const listed = cloudCode ? listedRow(cloudCode, provider) : undefined;
  if (listed) return listed;
  if (!httpStatus) return cloudCode ? REFUSED : UNAVAILABLE;
  if (httpStatus === 429) return THROTTLED;
  if (isRetryableStatus(httpStatus)) return UNAVAILABLE;
  if (httpStatus === 404) return NOT_FOUND;
  if (httpStatus === 401 || httpStatus === 403) return OWN_KEY;
  return REFUSED;
}

/** The row of a code in its provider's table: the code itself, else its family (`AuthFailure.X` → `AuthFailure`). */
function listedRow(cloudCode: string, provider: ProviderKey | undefined): Row | undefined {
  const tables = provider ? [TABLES[provider]] : Object.values(TABLES);
  const family = cloudCode.includes('.') ? cloudCode.slice(0, cloudCode.indexOf('.')) : undefined;
  for (const table of tables) {
    if (Object.hasOwn(table, cloudCode)) return table[cloudCode];
  }
  for (const table of tables) {
    if (family && Object.hasOwn(table, family)) return table[family];
  }
  if (/^\d+$/.test(cloudCode) && (provider === undefined || provider === 'tencent')) {
    return tencentV2Range(Number(cloudCode));
  }
  return undefined;
}

/**
 * Legacy v2 Tencent codes without a row of their own: 4000–7999 are the common refusals, 32000 and
 * up internal errors.
 * @see https://cloud.tencent.com/document/api/213/6982 (legacy v2 common error codes)
 */
function tencentV2Range(code: number): Row | undefined {
  if (code >= 32000) return UNAVAILABLE;
  if (code >= 4000 && code < 8000) return REFUSED;
  return undefined;
}

/**
 * The cloud codes the table lists for a provider (each classified here and nowhere else): what
 * `cloudMessageOf` may word, and what the table test checks against the clouds' documentation.
 */
export function listedCloudCodes(provider: ProviderKey): readonly string[] {
  return Object.keys(TABLES[provider]);
}

/**
 * Turns a cloud's own error (its code, message and request id) into a `VodUploadError`, classified
 * by the one table (`classifyCloudError`) as an answered call. The cloud's code is kept in
 * `cloudCode`.
 *
 * @example
 * throw vodErrorFromCloud('tencent', 'AuthFailure.SignatureExpire', 'Signature expired', requestId);
 */
export function vodErrorFromCloud(
  provider: ProviderKey,
  cloudCode: string,
  message: string,
  requestId?: string,
): VodUploadError {
  return vodError(codeForCloudCode(cloudCode, provider), message || cloudCode, {
    provider,
    cloudCode,
    requestId,
  });
}

/**
 * The `VodUploadErrorCode` for one cloud error code of an answered call (see `classifyCloudError`);
 * a code the table does not list is a refusal.
 */
export function codeForCloudCode(cloudCode: string, provider?: ProviderKey): VodUploadErrorCode {
  return classifyCloudError({ cloudCode, ...(provider ? { provider } : {}) }).code;
}

/**
 * The table's code for a cloud code it lists (exactly or by family), `undefined` for one it does
 * not, so that a caller with more context (an HTTP status) can decide; `classifyCloudError` does
 * that in one call.
 */
export function knownCodeForCloudCode(
  cloudCode: string,
  provider?: ProviderKey,
): VodUploadErrorCode | undefined {
  return listedRow(cloudCode, provider)?.code;
}
