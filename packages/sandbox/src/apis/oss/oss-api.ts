import { ALIYUN_BUCKET, ALIYUN_REGION } from '../../descriptor.js';
import type { ApiModule, ApiRequest, SandboxContext } from '../../http/api-module.js';
import { rawPathOf } from '../../http/request.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  initiateMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
} from './multipart-handlers.js';
import { deleteObject, getObject, putObject } from './object-handlers.js';
import { authenticateOss, headerValue } from './oss-auth.js';
import type { OssCall } from './oss-call.js';
import { newOssRequestId, OssError, sendOssError } from './oss-error.js';

/** Sub-resources of real OSS features the sandbox does not emulate: answered `NotImplemented`. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'tagging',
  'symlink',
  'objectMeta',
  'append',
  'restore',
  'x-oss-process',
];

/** Where a request addresses the OSS bucket: path style first, then a virtual-hosted `Host`. */
function locate(request: ApiRequest): { encodedKey: string } | undefined {
  const rawPath = rawPathOf(request.req);
  const prefix = `/${ALIYUN_BUCKET}`;
  if (rawPath === prefix || rawPath.startsWith(`${prefix}/`))
    return { encodedKey: rawPath.slice(prefix.length + 1) };
  // ali-oss against an IP endpoint sends `Host: <bucket>.oss-<region>.aliyuncs.com` (Node only; a
  // browser cannot set Host) and, without `sldEnable`, the bare key as path.
  const host = headerValue(request.req.headers, 'host') ?? '';
  if (host.startsWith(`${ALIYUN_BUCKET}.`)) return { encodedKey: rawPath.slice(1) };
  return undefined;
}

/**
 * The OSS object API of the VOD storage bucket (`ALIYUN_BUCKET`): PutObject, GetObject (Range),
 * HeadObject, DeleteObject and multipart uploads, signed with OSS signature V1. Errors are OSS's
 * `<Error>` XML with `x-oss-request-id`.
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/list-of-operations-by-function
 */
export const ossApi: ApiModule = {
  name: 'oss',
  matches: (request) => locate(request) !== undefined,
  async handle(request: ApiRequest, ctx: SandboxContext) {
    // The framework's byte counter put the body in flowing mode: pause it so no chunk is lost while
    // this module awaits (fault stalls, upload lookup, the store's mkdir) before it pipes the body.
    request.req.pause();
    const requestId = newOssRequestId();
    request.record.bucket = ALIYUN_BUCKET;
    try {
      const { encodedKey } = locate(request) ?? { encodedKey: '' };
      let key: string;
      try {
        key = decodeURIComponent(encodedKey);
      } catch {
        throw new OssError('InvalidObjectName', 'The specified object name is not valid.');
      }
      if (key) request.record.key = key;
      const method = request.req.method ?? 'GET';
      const principal = authenticateOss(
        {
          method,
          headers: request.req.headers,
          resourcePath: `/${ALIYUN_BUCKET}/${key}`,
          query: request.url.searchParams,
        },
        ctx,
      );
      await route({ request, ctx, bucket: ALIYUN_BUCKET, key, principal, requestId }, method);
    } catch (error) {
      // A client that went away mid-body gets no answer; anything else is answered in OSS's own
      // format, with no internals (a bug's message could name sandbox paths).
      if (!OssError.from(error) && request.req.destroyed && !request.req.complete) {
        request.res.destroy();
        return;
      }
      const ossError =
        OssError.from(error) ??
        new OssError('InternalError', 'We encountered an internal error. Please try again.');
      request.record.errorCode = ossError.code;
      // The body of a refused upload is not read: drain it so the client sees the answer.
      request.req.resume();
      if (request.res.headersSent) request.res.destroy();
      else
        sendOssError(request.res, ossError, requestId, `${ALIYUN_BUCKET}.oss-${ALIYUN_REGION}.aliyuncs.com`);
    }
  },
};

async function route(call: OssCall, method: string): Promise<void> {
  const query = call.request.url.searchParams;
  const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => query.has(name));
  if (unsupported) throw new OssError('NotImplemented', `The sandbox does not emulate ?${unsupported}.`);
  if (!call.key) {
    if (method === 'GET' && query.has('uploads')) return listMultipartUploads(call);
    throw new OssError(
      'NotImplemented',
      'The sandbox emulates object-level operations and ListMultipartUploads only.',
    );
  }
  const uploadId = query.has('uploadId');
  switch (method) {
    case 'PUT':
      if (uploadId || query.has('partNumber')) return uploadPart(call);
      return putObject(call);
    case 'POST':
      if (query.has('uploads')) return initiateMultipartUpload(call);
      if (uploadId) return completeMultipartUpload(call);
      break;
    case 'GET':
      return uploadId ? listParts(call) : getObject(call, false);
    case 'HEAD':
      return getObject(call, true);
    case 'DELETE':
      return uploadId ? abortMultipartUpload(call) : deleteObject(call);
  }
  throw new OssError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
    Method: method,
  });
}
