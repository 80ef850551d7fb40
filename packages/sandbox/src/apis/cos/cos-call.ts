import type { Readable } from 'node:stream';
import type { ApiRequest, SandboxContext } from '../../http/api-module.js';
import { isMd5Digest, md5CheckedBody } from '../md5-checked-body.js';
import { assertUploadSizeAllowed } from '../upload-size-limit.js';
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
 * An object body (PUT Object, Upload Part) that fails with `BadDigest` when its bytes do not match the
 * request's `Content-MD5`, before the store commits them; a malformed value is `InvalidDigest`, and a
 * declared size over 5 GiB (`uploadMaxBytes`) `EntityTooLarge`, before any byte is read. COS stores nothing on any of
 * them, and an object or part already there stays.
 * @see https://cloud.tencent.com/document/product/436/7749 (PUT Object: Content-MD5)
 */
export function verifiedCosBody(request: ApiRequest, ctx: SandboxContext): Readable {
  assertUploadSizeAllowed(
    request.req.headers,
    ctx.options.uploadMaxBytes,
    () => new CosError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.'),
  );
  const header = request.req.headers['content-md5'];
  if (typeof header !== 'string') return request.bodyStream();
  if (!isMd5Digest(header))
    throw new CosError('InvalidDigest', 'The Content-MD5 you specified is not valid.');
  return md5CheckedBody(
    request.bodyStream(),
    header,
    () => new CosError('BadDigest', 'The Content-MD5 you specified did not match what was received.'),
  );
}

/** User metadata headers COS stores with an object and replays on GET/HEAD. */
export function userMetaOf(headers: ApiRequest['req']['headers']): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-cos-meta-') && typeof value === 'string') meta[name] = value;
  }
  return meta;
}
