import { randomBytes } from 'node:crypto';
import { S3_BUCKET } from '../../descriptor.js';
import type { ApiModule, ApiRequest, SandboxContext } from '../../http/api-module.js';
import { BodyTooLargeError, rawPathOf } from '../../http/request.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
} from './multipart.js';
import { deleteObject, getObject, headObject, putObject, type S3Target } from './objects.js';
import { S3Error, sendS3Error } from './s3-errors.js';
import { malformedXml } from './s3-xml.js';

/** Sub-resources S3 has and the sandbox does not: they answer `NotImplemented`, not a wrong success. */
const UNSUPPORTED_SUBRESOURCES = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'delete',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'list-type',
  'location',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'tagging',
  'torrent',
  'versionId',
  'versioning',
  'versions',
  'website',
];
/** @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html */
const MAX_KEY_BYTES = 1024;

/**
 * The S3 object API on bucket `vod-sandbox`, path-style (`/<bucket>/<key>`), SigV4-signed by header or
 * presigned URL. Object operations and multipart uploads; every other S3 operation is `NotImplemented`.
 * @example
 * new S3Client({ endpoint: descriptor.s3.endpoint, forcePathStyle: true, region: descriptor.s3.region,
 *   credentials: { accessKeyId: descriptor.s3.accessKeyId, secretAccessKey: descriptor.s3.secretAccessKey } });
 */
export const s3Api: ApiModule = {
  name: 's3',
  matches: ({ req }) => {
    const path = rawPathOf(req);
    return path === `/${S3_BUCKET}` || path.startsWith(`/${S3_BUCKET}/`);
  },
  async handle(request: ApiRequest, ctx: SandboxContext) {
    // The framework's byte counter put the body in flowing mode: pause it so no chunk is lost while
    // this module awaits (auth, fault stalls, upload lookup) before it pipes the body somewhere.
    request.req.pause();
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    request.res.setHeader('x-amz-request-id', requestId);
    request.res.setHeader('x-amz-id-2', randomBytes(24).toString('base64'));
    try {
      await route(request, ctx, requestId);
    } catch (error) {
      const s3Error = toS3Error(error);
      // Node destroys a request once it was read to its end too: only one that did not end is gone.
      const gone = request.req.destroyed && !request.req.complete;
      if (!s3Error || gone) {
        // A client that went away (or a body stream that broke) gets no answer; a real bug gets a 500.
        if (gone || request.res.headersSent) request.res.destroy();
        else
          sendS3Error(
            request,
            new S3Error('InternalError', 'We encountered an internal error. Please try again.'),
            requestId,
          );
        return;
      }
      // An unread body cannot stay on a keep-alive connection: the next request would start inside it.
      if (!request.req.complete) request.res.setHeader('connection', 'close');
      sendS3Error(request, s3Error, requestId);
    }
  },
};

async function route(request: ApiRequest, ctx: SandboxContext, requestId: string): Promise<void> {
  const { req, url, record } = request;
  const method = req.method ?? 'GET';
  const query = url.searchParams;
  const bucket = S3_BUCKET;
  record.bucket = bucket;
  const key = objectKey(rawPathOf(req), bucket);
  const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => query.has(name));
  if (key === '') {
    record.action =
      method === 'GET' && query.has('uploads') && !unsupported ? 'ListMultipartUploads' : 'Bucket';
    if (record.action === 'ListMultipartUploads')
      return listMultipartUploads(request, ctx, bucket, requestId);
    throw notImplemented(`${method} on the bucket`);
  }
  record.key = key;
  if (unsupported) throw notImplemented(`The ${unsupported} sub-resource`);
  if (req.headers['x-amz-copy-source'] !== undefined) throw notImplemented('Copying objects');
  const target: S3Target = { bucket, key, requestId };
  const uploadId = query.get('uploadId');
  if (uploadId !== null) record.uploadId = uploadId;
  /** Logs which S3 operation the request is before running it, so a refusal is logged under it too. */
  const run = (action: string, operation: () => Promise<void>): Promise<void> => {
    record.action = action;
    return operation();
  };
  switch (method) {
    case 'PUT':
      if (uploadId === null && !query.has('partNumber')) {
        return run('PutObject', () => putObject(request, ctx, target));
      }
      return run('UploadPart', () => {
        const partNumber = parsePartNumber(query.get('partNumber'));
        record.partNumber = partNumber;
        if (uploadId === null) throw new S3Error('InvalidRequest', 'A partNumber requires an uploadId.');
        return uploadPart(request, ctx, { ...target, uploadId }, partNumber);
      });
    case 'POST':
      if (query.has('uploads'))
        return run('CreateMultipartUpload', () => createMultipartUpload(request, ctx, target));
      if (uploadId !== null) {
        return run('CompleteMultipartUpload', () =>
          completeMultipartUpload(request, ctx, { ...target, uploadId }),
        );
      }
      throw notImplemented('POST Object (browser form upload)');
    case 'GET':
      if (uploadId !== null) return run('ListParts', () => listParts(request, ctx, { ...target, uploadId }));
      return run('GetObject', () => getObject(request, ctx, target));
    case 'HEAD':
      return run('HeadObject', () => headObject(request, ctx, target));
    case 'DELETE':
      if (uploadId !== null) {
        return run('AbortMultipartUpload', () => abortMultipartUpload(request, ctx, { ...target, uploadId }));
      }
      return run('DeleteObject', () => deleteObject(request, ctx, target));
    default:
      throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
        Method: method,
        ResourceType: 'OBJECT',
      });
  }
}

/** The key after `/<bucket>/`, decoded; `''` for the bucket itself. */
function objectKey(pathname: string, bucket: string): string {
  const rest = pathname.slice(bucket.length + 2);
  let key: string;
  try {
    key = decodeURIComponent(rest);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.");
  }
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError', 'Your key is too long');
  return key;
}

function parsePartNumber(value: string | null): number {
  if (value === null || !/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 10000) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
      ArgumentName: 'partNumber',
      ArgumentValue: value ?? '',
    });
  }
  return Number(value);
}

function notImplemented(what: string): S3Error {
  return new S3Error('NotImplemented', `${what} is not implemented by the sandbox.`);
}

function toS3Error(error: unknown): S3Error | undefined {
  return S3Error.from(error) ?? (error instanceof BodyTooLargeError ? malformedXml() : undefined);
}
