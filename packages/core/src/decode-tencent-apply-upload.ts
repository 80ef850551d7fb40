import { checkTencentV2Code, isTencentV2Result, openTencentResponse } from './decode-tencent-envelope.js';
import { FieldReader } from './field-reader.js';
import { cosBucketOfV2, cosRegionOfV2 } from './tencent-v2-storage.js';
import type { TencentUploadTarget } from './upload-target.js';

/** Unix seconds above this are really milliseconds (year 5138): refuse rather than expire in 50,000 years. */
const MAX_UNIX_SECONDS = 1e11;

/**
 * Decodes Tencent VOD `ApplyUpload` into a `TencentUploadTarget`: the API 3.0 result
 * `{ Response: {...} }` or the legacy v2 result `{ code: 0, video: { storagePath }, ... }`.
 * Object keys lose the leading `/` the cloud sends. A v2 result is mapped to COS v5 names: its short
 * `storageRegion` (`gzp` → `ap-guangzhou`) and its `storageBucket` without APPID, completed with the
 * `appId` the endpoint adds to the v2 answer (`6c0f1c00vodgzp251000333` → `…-<appId>`). `video` and
 * `cover` are read as objects (the documentation's example) or one-element arrays (its table).
 *
 * @throws `VodDecodeError` (`decode_failed`) naming the field at fault, e.g.
 *   `Response.TempCertificate.ExpiredTime`; or the cloud's refusal (`cloud_refused`,
 *   `credential_expired`, ... with `cloudCode` and `requestId`) for an error result.
 * @see https://cloud.tencent.com/document/api/266/31767 (ApplyUpload, API 3.0)
 * @example
 * const target = decodeTencentApplyUpload((await response.json()).result);
 * cos.uploadFile({ Bucket: target.bucket, Region: target.region, Key: target.mediaKey, ... });
 */
export function decodeTencentApplyUpload(raw: unknown): TencentUploadTarget {
  if (isTencentV2Result(raw)) return decodeV2(raw);
  const reader = openTencentResponse(raw);
  const expiredTime = reader.number('Response.TempCertificate.ExpiredTime');
  if (expiredTime <= 0 || expiredTime > MAX_UNIX_SECONDS || !Number.isInteger(expiredTime)) {
    throw reader.fail('Response.TempCertificate.ExpiredTime', `is ${expiredTime}, not Unix seconds`);
  }
  const target: TencentUploadTarget = {
    provider: 'tencent',
    bucket: reader.string('Response.StorageBucket'),
    region: reader.string('Response.StorageRegion'),
    mediaKey: objectKey(reader, 'Response.MediaStoragePath'),
    vodSessionKey: reader.string('Response.VodSessionKey'),
    credential: {
      secretId: reader.string('Response.TempCertificate.SecretId'),
      secretKey: reader.string('Response.TempCertificate.SecretKey'),
      token: reader.string('Response.TempCertificate.Token'),
      expiresAt: expiredTime * 1000,
    },
    legacy: false,
  };
  const coverKey = optionalObjectKey(reader, 'Response.CoverStoragePath');
  if (coverKey !== undefined) target.coverKey = coverKey;
  const requestId = reader.optionalString('Response.RequestId');
  if (requestId !== undefined) target.requestId = requestId;
  return target;
}

function decodeV2(raw: Record<string, unknown>): TencentUploadTarget {
  const reader = new FieldReader(raw, 'tencent');
  checkTencentV2Code(reader);
  const code = reader.string('storageRegion');
  const region = cosRegionOfV2(code);
  if (region === undefined)
    throw reader.fail('storageRegion', `is ${JSON.stringify(code)}, no known COS region`);
  const appId = reader.optionalString('appId') ?? optionalDigits(reader, 'storageAppId');
  const name = reader.string('storageBucket');
  if (appId === undefined && !/-\d+$/.test(name)) {
    throw reader.fail(
      'appId',
      'is missing: the v2 storageBucket has no APPID (set legacyV2.appId on the endpoint)',
    );
  }
  const target: TencentUploadTarget = {
    provider: 'tencent',
    bucket: cosBucketOfV2(name, appId ?? ''),
    region,
    mediaKey: objectKey(reader, storagePathOf(reader, 'video')),
    vodSessionKey: reader.string('vodSessionKey'),
    legacy: true,
  };
  const coverKey = optionalObjectKey(reader, storagePathOf(reader, 'cover'));
  if (coverKey !== undefined) target.coverKey = coverKey;
  return target;
}

/** `video.storagePath`, or `video.0.storagePath` when the cloud sends the table's array. */
function storagePathOf(reader: FieldReader, field: 'video' | 'cover'): string {
  return Array.isArray(reader.value(field)) ? `${field}.0.storagePath` : `${field}.storagePath`;
}

function optionalDigits(reader: FieldReader, path: string): string | undefined {
  const value = reader.optionalNumber(path);
  return value === undefined ? undefined : String(value);
}

function objectKey(reader: FieldReader, path: string): string {
  const key = optionalObjectKey(reader, path);
  if (key === undefined) throw reader.missing(path);
  return key;
}

function optionalObjectKey(reader: FieldReader, path: string): string | undefined {
  const value = reader.optionalString(path);
  if (value === undefined) return undefined;
  const key = value.replace(/^\/+/, '');
  if (key === '') throw reader.fail(path, 'is an empty object key');
  return key;
}
