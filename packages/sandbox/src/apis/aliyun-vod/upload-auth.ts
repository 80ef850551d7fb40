import { randomBytes } from 'node:crypto';
import { ALIYUN_REGION } from '../../descriptor.js';
import type { SandboxContext } from '../../http/api-module.js';

/** The decoded `UploadAddress`: where the client puts the object. */
export interface UploadAddress {
  Endpoint: string;
  Bucket: string;
  FileName: string;
}

function base64Json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** `UploadAddress`: base64 JSON `{ Endpoint, Bucket, FileName }` (Endpoint = the sandbox's OSS endpoint). */
export function encodeUploadAddress(ctx: SandboxContext, bucket: string, key: string): string {
  const address: UploadAddress = {
    Endpoint: ctx.descriptor.aliyun.ossEndpoint,
    Bucket: bucket,
    FileName: key,
  };
  return base64Json(address);
}

/**
 * `UploadAuth`: base64 JSON `{ AccessKeyId, AccessKeySecret, SecurityToken, Expiration, ExpireUTCTime,
 * Region }` for an STS credential that may write exactly `key` of `bucket`. `Expiration` is the
 * lifetime in seconds as a string (`"3000"`), `ExpireUTCTime` the instant, as the cloud sends them.
 * @see https://www.alibabacloud.com/help/en/vod/user-guide/upload-urls-and-credentials
 */
export function issueUploadAuth(ctx: SandboxContext, bucket: string, key: string): string {
  const lifetime = ctx.options.credentialLifetimeSeconds;
  const credential = ctx.credentials.issue({ cloud: 'oss', bucket, keys: [key] }, lifetime, 'STS.');
  return base64Json({
    AccessKeyId: credential.id,
    AccessKeySecret: credential.secret,
    SecurityToken: credential.token,
    Expiration: String(lifetime),
    ExpireUTCTime: new Date(credential.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Region: ALIYUN_REGION,
  });
}

/** Lower-case hex, the shape of VOD's VideoId/ImageId/JobId. */
export function newMediaId(): string {
  return randomBytes(16).toString('hex');
}

/** A video object key like VOD's: `sv/<8 hex>-<11 hex>/<same>.<ext>`. */
export function newVideoKey(extension: string): string {
  const stem = `${randomBytes(4).toString('hex')}-${randomBytes(6).toString('hex').slice(0, 11)}`;
  return `sv/${stem}/${stem}.${extension}`;
}

/** An image object key like VOD's: `image/<default|cover>/<32 HEX>-6-2.<ext>`. */
export function newImageKey(type: string, extension: string): string {
  return `image/${type}/${randomBytes(16).toString('hex').toUpperCase()}-6-2.${extension}`;
}
