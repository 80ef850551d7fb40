import { vodErrorFromCloud } from './cloud-error.js';
import { decodeBase64Json } from './decode-base64-json.js';
import { FieldReader, isRecord } from './field-reader.js';
import type { StsCredential } from './upload-target.js';

/** Options of the Alibaba decoders. */
export interface AliyunDecodeOptions {
  /**
   * The current time, epoch ms, used only when `UploadAuth` has no `ExpireUTCTime` and the expiry is
   * `now + Expiration`. Pass a clock-corrected time (`ClockSkew.now()`); defaults to `Date.now()`.
   */
  now?: number;
}

/** The decoded `UploadAddress`. */
export interface AliyunUploadAddress {
  endpoint: string;
  bucket: string;
  objectKey: string;
}

/**
 * Opens an Alibaba RPC result: throws the cloud's error for an error envelope
 * `{ Code, Message, RequestId, HostId }`, else returns a reader carrying the `RequestId`.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadvideo
 */
export function openAliyunResult(raw: unknown, successField: string): FieldReader {
  const reader = new FieldReader(raw, 'aliyun');
  const result = reader.object('');
  const requestId = typeof result.RequestId === 'string' ? result.RequestId : undefined;
  if (typeof result.Code === 'string' && result[successField] === undefined) {
    const message = typeof result.Message === 'string' ? result.Message : result.Code;
    throw vodErrorFromCloud('aliyun', result.Code, message, requestId);
  }
  return new FieldReader(raw, 'aliyun', '', requestId);
}

/** Decodes the base64 JSON string at `field` and returns a reader over it (errors say `field.X`). */
export function openBase64Field(reader: FieldReader, field: string): FieldReader {
  const encoded = reader.string(field);
  let decoded: unknown;
  try {
    decoded = decodeBase64Json(encoded);
  } catch (error) {
    throw reader.fail(field, `is ${(error as Error).message}`, error);
  }
  if (!isRecord(decoded)) throw reader.fail(field, 'does not hold a JSON object');
  return reader.nested(decoded, field);
}

/** Decodes `UploadAddress` (base64 JSON `{ Endpoint, Bucket, FileName }`). */
export function decodeUploadAddress(reader: FieldReader): AliyunUploadAddress {
  const address = openBase64Field(reader, 'UploadAddress');
  return {
    endpoint: withScheme(address, 'Endpoint'),
    bucket: address.string('Bucket'),
    objectKey: address.string('FileName'),
  };
}

/**
 * Decodes `UploadAuth` (base64 JSON `{ AccessKeyId, AccessKeySecret, SecurityToken, Expiration,
 * ExpireUTCTime, Region }`). `ExpireUTCTime` is the instant and wins; `Expiration` is a duration in
 * seconds (not a date), used from `now` only when the instant is absent.
 */
export function decodeUploadAuth(
  reader: FieldReader,
  options: AliyunDecodeOptions = {},
): { credential: StsCredential; region: string | undefined } {
  const auth = openBase64Field(reader, 'UploadAuth');
  const credential: StsCredential = {
    accessKeyId: auth.string('AccessKeyId'),
    accessKeySecret: auth.string('AccessKeySecret'),
    securityToken: auth.string('SecurityToken'),
    expiresAt: expiryOf(auth, options.now ?? Date.now()),
  };
  return { credential, region: auth.optionalString('Region') };
}

function expiryOf(auth: FieldReader, now: number): number {
  const instant = auth.optionalString('ExpireUTCTime');
  if (instant !== undefined) {
    const time = Date.parse(instant);
    if (Number.isNaN(time)) throw auth.fail('ExpireUTCTime', `is ${JSON.stringify(instant)}, not a date`);
    return time;
  }
  const seconds = auth.number('Expiration');
  if (seconds <= 0) throw auth.fail('Expiration', `is ${seconds}, not a positive number of seconds`);
  return now + seconds * 1000;
}

function withScheme(address: FieldReader, path: string): string {
  const raw = address.string(path).trim();
  const endpoint = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    throw address.fail(path, `is ${JSON.stringify(raw)}, not a host or URL`, error);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw address.fail(path, `has scheme ${url.protocol}, not http(s)`);
  }
  return `${url.protocol}//${url.host}`;
}

/** The region of an OSS endpoint such as `oss-cn-shanghai.aliyuncs.com` (or `-internal`). */
export function regionOfOssEndpoint(endpoint: string): string | undefined {
  const host = new URL(endpoint).hostname;
  return /^oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/.exec(host)?.[1];
}

/** The region from `UploadAuth.Region`, else from the endpoint; a decode error when neither has it. */
export function regionOf(reader: FieldReader, fromAuth: string | undefined, endpoint: string): string {
  const region = fromAuth ?? regionOfOssEndpoint(endpoint);
  if (region === undefined)
    throw reader.fail('UploadAuth.Region', 'is missing (and the endpoint names none)');
  return region;
}
