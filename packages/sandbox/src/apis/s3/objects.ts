import type { ApiRequest, SandboxContext } from '../../http/api-module.js';
import type { ObjectMeta } from '../../store/object-store.js';
import { refuseOverwrite } from '../forbid-overwrite.js';
import { type ByteRange, readByteRange } from '../read-byte-range.js';
import { assertMayAccess, authenticateS3 } from './s3-auth.js';
import { bodyError, verifiedObjectBody } from './s3-body.js';
import { S3Error } from './s3-errors.js';

/** The object a request addresses, and the id S3 gives its answer. */
export interface S3Target {
  bucket: string;
  key: string;
  requestId: string;
}

/** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html */
export async function putObject(request: ApiRequest, ctx: SandboxContext, target: S3Target): Promise<void> {
  const fault = await ctx.faults.interceptUpload(request.req, request.res);
  if (fault) {
    request.record.fault = fault;
    return;
  }
  const caller = authenticateS3(request, ctx);
  assertMayAccess(caller, ctx, target.bucket, target.key);
  const refuseIfExists = await checkConditionalWrite(request, ctx, target);
  const body = verifiedObjectBody(request, caller, ctx.options.uploadMaxBytes);
  const meta = await ctx.store
    .putObject(target.bucket, target.key, body.stream, {
      contentType: header(request, 'content-type'),
      userMeta: userMeta(request),
      refuseIfExists,
    })
    .catch((error: unknown) => {
      throw bodyError(error);
    });
  request.res.writeHead(200, {
    etag: meta.etag,
    ...body.echoed(),
    'x-amz-request-id': target.requestId,
    'content-length': '0',
  });
  request.res.end();
}

/**
 * A conditional write (PutObject, CompleteMultipartUpload): `If-None-Match: *` writes only when the
 * key holds no object (412 `PreconditionFailed` otherwise), so a presigned PUT, or another multipart
 * upload on the key, cannot replace what was stored once. S3 takes no other value there, and decides
 * when the write completes, the first to finish winning ({@link refuseOverwrite}).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
export async function checkConditionalWrite(
  request: ApiRequest,
  ctx: SandboxContext,
  target: S3Target,
): Promise<(() => S3Error) | undefined> {
  const condition = header(request, 'if-none-match');
  if (condition === undefined) return undefined;
  if (condition !== '*') {
    throw new S3Error('NotImplemented', 'If-None-Match on a write only takes "*".');
  }
  return refuseOverwrite(
    ctx,
    target,
    () =>
      new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
        Condition: 'If-None-Match',
      }),
  );
}

/** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html */
export async function headObject(request: ApiRequest, ctx: SandboxContext, target: S3Target): Promise<void> {
  assertMayAccess(authenticateS3(request, ctx), ctx, target.bucket, target.key);
  const meta = await ctx.store.headObject(target.bucket, target.key);
  request.res.writeHead(200, { ...objectHeaders(meta, target), 'content-length': String(meta.size) });
  request.res.end();
}

/** GetObject with an optional single `Range`. @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html */
export async function getObject(request: ApiRequest, ctx: SandboxContext, target: S3Target): Promise<void> {
  assertMayAccess(authenticateS3(request, ctx), ctx, target.bucket, target.key);
  const meta = await ctx.store.headObject(target.bucket, target.key);
  const range = parseRange(header(request, 'range'), meta.size);
  const { body } = await ctx.store.getObject(target.bucket, target.key, range);
  const headers = objectHeaders(meta, target);
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${meta.size}`;
    headers['content-length'] = String(range.end - range.start + 1);
  } else {
    headers['content-length'] = String(meta.size);
  }
  request.res.writeHead(range ? 206 : 200, headers);
  body.on('error', () => request.res.destroy());
  body.pipe(request.res);
}

/** Deleting a missing key succeeds, as on S3. @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html */
export async function deleteObject(
  request: ApiRequest,
  ctx: SandboxContext,
  target: S3Target,
): Promise<void> {
  assertMayAccess(authenticateS3(request, ctx), ctx, target.bucket, target.key);
  await ctx.store.deleteObject(target.bucket, target.key);
  request.res.writeHead(204, { 'x-amz-request-id': target.requestId }).end();
}

/**
 * One `bytes=` range (first-last, first-, -suffix). Syntax S3 cannot parse, and a last byte before the
 * first, are ignored (whole object); a range starting past the end, or `bytes=-0`, is `InvalidRange`.
 */
export function parseRange(value: string | undefined, size: number): ByteRange | undefined {
  const range = readByteRange(value, size);
  if (range === 'past-end' || range === 'zero-suffix') throw invalidRange(value ?? '', size);
  return typeof range === 'object' ? range : undefined;
}

function invalidRange(requested: string, size: number): S3Error {
  return new S3Error('InvalidRange', 'The requested range is not satisfiable', {
    RangeRequested: requested,
    ActualObjectSize: String(size),
  });
}

function objectHeaders(meta: ObjectMeta, target: S3Target): Record<string, string> {
  return {
    etag: meta.etag,
    'content-type': meta.contentType,
    'last-modified': meta.lastModified,
    'accept-ranges': 'bytes',
    'x-amz-request-id': target.requestId,
    ...meta.userMeta,
  };
}

/** `x-amz-meta-*` headers, stored and replayed on GET/HEAD. */
export function userMeta(request: ApiRequest): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.req.headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') meta[name] = value;
  }
  return meta;
}

export function header(request: ApiRequest, name: string): string | undefined {
  const value = request.req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
