import { TENCENT_BUCKET } from '../../descriptor.js';
import type { ApiModule, ApiRequest, SandboxContext } from '../../http/api-module.js';
import { authenticateCos } from './cos-auth.js';
import type { CosCall } from './cos-call.js';
import { CosError, newCosRequestId, sendCosError } from './cos-error.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  initiateMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
} from './cos-multipart-actions.js';
import { deleteObject, getObject, putObject } from './cos-object-actions.js';

/** COS sub-resources the sandbox does not emulate: answered with NotImplemented, not silently ignored. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'cors',
  'tagging',
  'policy',
  'lifecycle',
  'versioning',
  'versions',
  'versionId',
  'restore',
  'select',
  'append',
  'website',
  'referer',
  'logging',
  'inventory',
  'domain',
  'origin',
  'replication',
  'encryption',
  'delete',
  'ci-process',
];

/**
 * The COS XML API for the VOD bucket (`TENCENT_BUCKET`), path-style `/<bucket>/<key>`: objects,
 * multipart uploads, q-sign authentication with the account key or an ApplyUpload TempCertificate.
 * @see https://www.tencentcloud.com/document/product/436/7751 (COS API overview)
 */
export const cosApi: ApiModule = {
  name: 'cos',
  matches: ({ url }) =>
    url.pathname === `/${TENCENT_BUCKET}` || url.pathname.startsWith(`/${TENCENT_BUCKET}/`),
  async handle(request: ApiRequest, ctx: SandboxContext) {
    const requestId = newCosRequestId();
    // COS dates its answers by its own clock, and the COS SDKs correct their clock from the `Date`
    // of a time refusal: the sandbox's clock, so a test that moves it sees the SDKs recover as on COS.
    request.res.setHeader('date', new Date(ctx.clock.now()).toUTCString());
    const bucket = TENCENT_BUCKET;
    let key = '';
    try {
      key = decodeKey(request.url.pathname.slice(bucket.length + 2));
      request.record.bucket = bucket;
      request.record.key = key;
      const caller = authenticateCos(request, ctx, bucket, key);
      await route({ request, ctx, bucket, key, caller, requestId });
    } catch (error) {
      const cosError = CosError.from(error);
      if (!cosError && ((request.req.destroyed && !request.req.complete) || request.res.destroyed)) {
        // The client went away mid-body (or a fault reset it): nobody is left to answer. A request
        // read to its end is destroyed too (Node does so once it ended), and is answered.
        request.res.destroy();
        return;
      }
      const answer = cosError ?? new CosError('InternalError', 'We encountered an internal error.');
      request.record.errorCode = answer.code;
      if (request.res.headersSent) {
        request.res.destroy();
        return;
      }
      sendCosError(
        request.res,
        answer,
        `${bucket}.cos.${ctx.descriptor.tencent.region}.myqcloud.com/${key}`,
        requestId,
      );
    }
  },
};

function route(call: CosCall): Promise<void> {
  const { request, key } = call;
  const params = request.url.searchParams;
  const method = request.req.method ?? 'GET';
  const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => params.has(name));
  if (unsupported) throw new CosError('NotImplemented', `The sandbox does not emulate ?${unsupported}.`);
  if (!key) {
    if (method === 'GET' && params.has('uploads')) return listMultipartUploads(call);
    if (method === 'HEAD') {
      request.record.action = 'HeadBucket';
      request.res.writeHead(200, { 'x-cos-request-id': call.requestId }).end();
      return Promise.resolve();
    }
    throw new CosError('NotImplemented', `The sandbox does not emulate bucket-level ${method} requests.`);
  }
  switch (method) {
    case 'PUT':
      if (params.has('uploadId') || params.has('partNumber')) {
        if (!params.has('uploadId') || !params.has('partNumber')) {
          throw new CosError('InvalidArgument', 'UploadPart needs both partNumber and uploadId.');
        }
        return uploadPart(call);
      }
      if (request.req.headers['x-cos-copy-source']) {
        throw new CosError('NotImplemented', 'PUT Object - Copy is not emulated.');
      }
      return putObject(call);
    case 'POST':
      if (params.has('uploads')) return initiateMultipartUpload(call);
      if (params.has('uploadId')) return completeMultipartUpload(call);
      throw new CosError('NotImplemented', 'POST Object (form upload) is not emulated.');
    case 'GET':
      return params.has('uploadId') ? listParts(call) : getObject(call);
    case 'HEAD':
      return getObject(call);
    case 'DELETE':
      return params.has('uploadId') ? abortMultipartUpload(call) : deleteObject(call);
    default:
      throw new CosError('MethodNotAllowed', `The method ${method} is not allowed against this resource.`);
  }
}

function decodeKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new CosError('InvalidURI', 'Could not parse the specified URI.');
  }
}
