import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ApiRequest, SandboxContext } from '../../http/api-module.js';
import { md5CheckedBody } from '../md5-checked-body.js';
import { assertUploadSizeAllowed } from '../upload-size-limit.js';
import { headerValue } from './oss-auth.js';
import { OssError } from './oss-error.js';

/**
 * An object body (PutObject, UploadPart) as a stream that fails with `InvalidDigest` when the bytes do
 * not match the request's `Content-MD5`. It fails before the stream ends, so the store never commits
 * a damaged object or part. A declared size over 5 GiB (`uploadMaxBytes`) is `EntityTooLarge` before any byte is read.
 */
export function verifiedOssBody(request: ApiRequest, ctx: SandboxContext): Readable {
  assertUploadSizeAllowed(
    request.req.headers,
    ctx.options.uploadMaxBytes,
    () => new OssError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.'),
  );
  const expected = headerValue(request.req.headers, 'content-md5');
  const source = request.bodyStream();
  if (expected === undefined) return source;
  return md5CheckedBody(source, expected, () => invalidDigest(expected));
}

/** Reads a small (XML) body whole; the module paused the request, so restart it once a reader is attached. */
export async function smallOssBody(request: ApiRequest, limit: number): Promise<Buffer> {
  const reading = request.body(limit);
  request.req.resume();
  const body = await reading;
  const expected = headerValue(request.req.headers, 'content-md5');
  if (expected !== undefined && expected !== createHash('md5').update(body).digest('base64'))
    throw invalidDigest(expected);
  return body;
}

function invalidDigest(given: string): OssError {
  return new OssError('InvalidDigest', 'The Content-MD5 you specified was invalid.', {
    'Content-MD5': given,
  });
}
