import { pipeline } from 'node:stream/promises';
import type { ObjectMeta } from '../../store/object-store.js';
import { forbidOverwrite } from '../forbid-overwrite.js';
import { type ByteRange, readByteRange } from '../read-byte-range.js';
import { authorizeOssWrite, headerValue } from './oss-auth.js';
import { verifiedOssBody } from './oss-body.js';
import { type OssCall, userMetaOf } from './oss-call.js';
import { OssError } from './oss-error.js';

/**
 * `x-oss-forbid-overwrite: true` on PutObject or CompleteMultipartUpload over an object: 409, now or
 * when the write commits ({@link forbidOverwrite}).
 */
export function checkOssForbidOverwrite(call: OssCall): Promise<(() => OssError) | undefined> {
  const { request, ctx } = call;
  return forbidOverwrite(
    ctx,
    request.req.headers,
    'x-oss-forbid-overwrite',
    call,
    () =>
      new OssError(
        'FileAlreadyExists',
        'The object you specified already exists and can not be overwritten.',
      ),
  );
}

/**
 * PutObject: streams the body into the store. A `Content-MD5` that does not match what arrived is
 * refused with `InvalidDigest` before anything is stored, as OSS does.
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/putobject
 */
export async function putObject(call: OssCall): Promise<void> {
  const { request, ctx, bucket, key, principal } = call;
  request.record.action = 'PutObject';
  authorizeOssWrite(ctx, principal, bucket, key);
  if (request.req.headers['x-oss-copy-source']) {
    throw new OssError('NotImplemented', 'CopyObject is not emulated by the sandbox.');
  }
  const fault = await ctx.faults.interceptUpload(request.req, request.res);
  if (fault) {
    request.record.fault = fault;
    return;
  }
  const refuseIfExists = await checkOssForbidOverwrite(call);
  const meta = await ctx.store.putObject(bucket, key, verifiedOssBody(request, ctx), {
    contentType: headerValue(request.req.headers, 'content-type') ?? '',
    userMeta: userMetaOf(call),
    refuseIfExists,
  });
  request.res
    .writeHead(200, {
      ETag: meta.etag,
      ...(meta.crc64 ? { 'x-oss-hash-crc64ecma': meta.crc64 } : {}),
      'x-oss-request-id': call.requestId,
      'content-length': '0',
    })
    .end();
}

/**
 * GetObject and HeadObject. The bucket is public-read (VOD play URLs), so no signature is needed.
 * A malformed `Range` is ignored (whole object, 200) and one past the end is `InvalidRange`, like OSS.
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/getobject
 */
export async function getObject(call: OssCall, headOnly: boolean): Promise<void> {
  const { request, ctx, bucket, key } = call;
  request.record.action = headOnly ? 'HeadObject' : 'GetObject';
  const meta = await ctx.store.headObject(bucket, key);
  const headers = objectHeaders(call, meta);
  const range = headOnly ? undefined : parseRange(headerValue(request.req.headers, 'range'), meta.size);
  if (headOnly) {
    request.res.writeHead(200, { ...headers, 'content-length': String(meta.size) }).end();
    return;
  }
  const { body } = await ctx.store.getObject(bucket, key, range);
  if (range) {
    request.res.writeHead(206, {
      ...headers,
      'content-length': String(range.end - range.start + 1),
      'content-range': `bytes ${range.start}-${range.end}/${meta.size}`,
    });
  } else {
    request.res.writeHead(200, { ...headers, 'content-length': String(meta.size) });
  }
  await pipeline(body, request.res);
}

function objectHeaders(call: OssCall, meta: ObjectMeta): Record<string, string> {
  return {
    ...meta.userMeta,
    'content-type': meta.contentType,
    ETag: meta.etag,
    'last-modified': meta.lastModified,
    'accept-ranges': 'bytes',
    'x-oss-object-type': meta.etag.includes('-') ? 'Multipart' : 'Normal',
    'x-oss-storage-class': 'Standard',
    'x-oss-request-id': call.requestId,
    ...(meta.crc64 ? { 'x-oss-hash-crc64ecma': meta.crc64 } : {}),
  };
}

/**
 * The `Range` header as OSS serves it: one range, clamped; a range starting past the end is
 * `InvalidRange`; anything else it cannot serve (`bytes=5-1`, `bytes=-0`) sends the whole object.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const range = readByteRange(header, size);
  if (range === 'past-end') {
    throw new OssError('InvalidRange', 'The requested range cannot be satisfied.', {
      RangeRequested: header ?? '',
    });
  }
  return typeof range === 'object' ? range : undefined;
}

/**
 * DeleteObject: 204 whether or not the object existed. STS upload credentials may not delete (VOD's
 * upload policy grants puts only).
 */
export async function deleteObject(call: OssCall): Promise<void> {
  const { request, ctx, bucket, key, principal } = call;
  request.record.action = 'DeleteObject';
  if (principal.kind !== 'account') {
    throw new OssError(
      'AccessDenied',
      'You are not authorized to do this action. You should be authorized by RAM.',
    );
  }
  await ctx.store.deleteObject(bucket, key);
  request.res.writeHead(204, { 'x-oss-request-id': call.requestId }).end();
}
