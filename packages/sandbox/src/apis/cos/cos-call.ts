import type { ApiRequest, SandboxContext } from '../../http/api-module.js';
import type { CosCaller } from './cos-auth.js';
import { CosError } from './cos-error.js';

/** One routed COS request: what every action handler gets. */
export interface CosCall {
  request: ApiRequest;
  ctx: SandboxContext;
  bucket: string;
  /** Decoded object key without a leading slash; empty for bucket-level requests. */
  key: string;
  caller: CosCaller;
  requestId: string;
}

/**
 * Checks a `Content-MD5` header (base64) against the stored body's ETag (quoted md5 hex): a malformed
 * value is `InvalidDigest`, a mismatch `BadDigest`.
 */
export function checkContentMd5(headers: ApiRequest['req']['headers'], etag: string): void {
  const header = headers['content-md5'];
  if (typeof header !== 'string') return;
  const md5 = Buffer.from(header, 'base64');
  if (md5.length !== 16) throw new CosError('InvalidDigest', 'The Content-MD5 you specified is not valid.');
  if (md5.toString('hex') !== etag.replace(/"/g, '')) {
    throw new CosError('BadDigest', 'The Content-MD5 you specified did not match what was received.');
  }
}

/** User metadata headers COS stores with an object and replays on GET/HEAD. */
export function userMetaOf(headers: ApiRequest['req']['headers']): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-cos-meta-') && typeof value === 'string') meta[name] = value;
  }
  return meta;
}
