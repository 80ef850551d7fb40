import { pipeline } from 'node:stream/promises';
import { forbidOverwrite } from '../forbid-overwrite.js';
import { type ByteRange, readByteRange } from '../read-byte-range.js';
import { assertMayWrite } from './cos-auth.js';
import { type CosCall, userMetaOf, verifiedCosBody } from './cos-call.js';
import { CosError } from './cos-error.js';

/** PUT Object: streams the body into the store. */
export async function putObject(call: CosCall): Promise<void> {
  const { request, ctx, bucket, key, requestId } = call;
  request.record.action = 'PutObject';
  assertMayWrite(call.caller, ctx, bucket, key);
  if (!key) throw new CosError('InvalidArgument', 'The object key must not be empty.');
  const fault = await ctx.faults.interceptUpload(request.req, request.res);
  if (fault) {
    request.record.fault = fault;
    return;
  }
  const refuseIfExists = await checkForbidOverwrite(call);
  const meta = await ctx.store.putObject(bucket, key, verifiedCosBody(request, ctx), {
    contentType: request.req.headers['content-type'] ?? '',
    userMeta: userMetaOf(request.req.headers),
    refuseIfExists,
  });
  request.res
    .writeHead(200, {
      ETag: meta.etag,
      ...(meta.crc64 ? { 'x-cos-hash-crc64ecma': meta.crc64 } : {}),
      'x-cos-request-id': requestId,
      'content-length': 0,
    })
    .end();
}

/**
 * `x-cos-forbid-overwrite: true` on PUT Object or Complete Multipart Upload over an object: 409, now or
 * when the write commits ({@link forbidOverwrite}).
 */
export function checkForbidOverwrite(call: CosCall): Promise<(() => CosError) | undefined> {
  const { request, ctx } = call;
  return forbidOverwrite(
    ctx,
    request.req.headers,
    'x-cos-forbid-overwrite',
    call,
    () => new CosError('FileAlreadyExists', 'The object already exists and x-cos-forbid-overwrite is true.'),
  );
}

/**
 * GET/HEAD Object. Anonymous reads are allowed: VOD media URLs are public. One `Range: bytes=…`
 * gives 206 with `Content-Range`; a range past the end gives 416 InvalidRange.
 */
export async function getObject(call: CosCall): Promise<void> {
  const { request, ctx, bucket, key, requestId } = call;
  const head = request.req.method === 'HEAD';
  request.record.action = head ? 'HeadObject' : 'GetObject';
  if (!key) throw new CosError('NotImplemented', 'Listing objects (GET Bucket) is not emulated.');
  const meta = await ctx.store.headObject(bucket, key);
  const range = parseRange(request.req.headers.range, meta.size);
  const headers: Record<string, string | number> = {
    ETag: meta.etag,
    'Content-Type': meta.contentType,
    'Last-Modified': meta.lastModified,
    'Accept-Ranges': 'bytes',
    'x-cos-request-id': requestId,
    ...(meta.crc64 ? { 'x-cos-hash-crc64ecma': meta.crc64 } : {}),
    ...meta.userMeta,
  };
  if (range) {
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${meta.size}`;
    headers['Content-Length'] = range.end - range.start + 1;
  } else {
    headers['Content-Length'] = meta.size;
  }
  const status = range ? 206 : 200;
  if (head || meta.size === 0) {
    request.res.writeHead(status, headers).end();
    return;
  }
  const { body } = await ctx.store.getObject(bucket, key, range);
  request.res.writeHead(status, headers);
  // pipeline (not pipe) closes the file when the client goes away mid-download.
  await pipeline(body, request.res).catch(() => request.res.destroy());
}

/** DELETE Object: 204 whether or not the key existed, as COS. */
export async function deleteObject(call: CosCall): Promise<void> {
  const { request, ctx, bucket, key, requestId } = call;
  request.record.action = 'DeleteObject';
  assertMayWrite(call.caller, ctx, bucket, key);
  await ctx.store.deleteObject(bucket, key);
  request.res.writeHead(204, { 'x-cos-request-id': requestId }).end();
}

/** The `Range` header as COS serves it: one range, clamped; any range it cannot serve is `InvalidRange`. */
function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  // Multi-range and malformed values are ignored (the whole object is sent), as HTTP allows.
  const range = readByteRange(header, size);
  if (typeof range === 'string')
    throw new CosError('InvalidRange', 'The requested range is not satisfiable.');
  return range;
}
