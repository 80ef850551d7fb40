import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BodyTooLargeError } from '../../http/request.js';
import { sendXml } from '../../http/send.js';
import { xmlDocument } from '../../http/xml-document.js';
import type { CompletePart, MultipartUploadMeta } from '../../store/object-store.js';
import { listPartsPage } from '../list-parts-page.js';
import { findV2SessionOfPath } from '../tencent-vod/upload-session.js';
import { assertMayWrite } from './cos-auth.js';
import { type CosCall, userMetaOf, verifiedCosBody } from './cos-call.js';
import { CosError } from './cos-error.js';
import { checkForbidOverwrite } from './cos-object-actions.js';

/**
 * COS refuses non-final parts under 1 MiB at CompleteMultipartUpload.
 * @see https://www.tencentcloud.com/document/product/436/14112 (Complete Multipart Upload)
 */
export const COS_MIN_PART_SIZE = 1024 * 1024;

const OWNER = { ID: 'qcs::cam::uin/100000000001:uin/100000000001', DisplayName: '100000000001' };

/** POST Object?uploads */
export async function initiateMultipartUpload(call: CosCall): Promise<void> {
  const { request, ctx, bucket, key, requestId } = call;
  request.record.action = 'InitiateMultipartUpload';
  assertMayWrite(call.caller, ctx, bucket, key);
  if (!key) throw new CosError('InvalidArgument', 'The object key must not be empty.');
  const upload = await ctx.store.initiateMultipart(bucket, key, {
    contentType: request.req.headers['content-type'] ?? '',
    userMeta: userMetaOf(request.req.headers),
  });
  request.record.uploadId = upload.uploadId;
  ctx.faults.takeCreateFaults(request);
  const xml = xmlDocument({
    InitiateMultipartUploadResult: { Bucket: bucket, Key: key, UploadId: upload.uploadId },
  });
  sendXml(request.res, 200, xml, { 'x-cos-request-id': requestId });
}

/** PUT Object?partNumber&uploadId */
export async function uploadPart(call: CosCall): Promise<void> {
  const { request, ctx, requestId } = call;
  request.record.action = 'UploadPart';
  const upload = await ownUpload(call);
  const partNumber = Number(request.url.searchParams.get('partNumber'));
  request.record.partNumber = partNumber;
  const fault = await ctx.faults.interceptUpload(request.req, request.res);
  if (fault) {
    request.record.fault = fault;
    return;
  }
  const part = await ctx.store.uploadPart(upload.uploadId, partNumber, verifiedCosBody(request, ctx), {
    corruptAtRest: ctx.faults.corruptionOf(request.req) === 'rest',
  });
  request.res
    .writeHead(200, {
      ETag: part.etag,
      'x-cos-hash-crc64ecma': part.crc64,
      'x-cos-request-id': requestId,
      'content-length': 0,
    })
    .end();
}

/** POST Object?uploadId with `<CompleteMultipartUpload>`. */
export async function completeMultipartUpload(call: CosCall): Promise<void> {
  const { request, ctx, bucket, key, requestId } = call;
  request.record.action = 'CompleteMultipartUpload';
  const upload = await ownUpload(call);
  const parts = parseCompleteBody(await readXmlBody(call));
  const refuseIfExists = await checkForbidOverwrite(call);
  const meta = await ctx.store.completeMultipart(upload.uploadId, parts, COS_MIN_PART_SIZE, {
    ...ctx.faults.takeCompleteFaults(request),
    refuseIfExists,
  });
  const xml = xmlDocument({
    CompleteMultipartUploadResult: {
      Location: `${ctx.descriptor.url.replace(/^https?:\/\//, '')}/${bucket}/${key}`,
      Bucket: bucket,
      Key: key,
      ETag: meta.etag,
    },
  });
  // COS answers the object's CRC64 when every part had one (ListParts lists none per part).
  sendXml(request.res, 200, xml, {
    'x-cos-request-id': requestId,
    ...(meta.crc64 ? { 'x-cos-hash-crc64ecma': meta.crc64 } : {}),
  });
}

/** GET Object?uploadId, paged by `max-parts` / `part-number-marker`. */
export async function listParts(call: CosCall): Promise<void> {
  const { request, ctx, bucket, key, requestId } = call;
  request.record.action = 'ListParts';
  const upload = await ownUpload(call);
  const params = request.url.searchParams;
  const maxParts = clampInt(params.get('max-parts'), 1000, 1, 1000);
  const marker = clampInt(params.get('part-number-marker'), 0, 0, 10000);
  const xml = xmlDocument({
    ListPartsResult: {
      Bucket: bucket,
      Key: key,
      UploadId: upload.uploadId,
      Initiator: OWNER,
      Owner: OWNER,
      StorageClass: 'STANDARD',
      ...(await listPartsPage(ctx.store, upload.uploadId, marker, ctx.faults.listPartsPage(maxParts))),
    },
  });
  sendXml(request.res, 200, xml, { 'x-cos-request-id': requestId });
}

/** DELETE Object?uploadId */
export async function abortMultipartUpload(call: CosCall): Promise<void> {
  const { request, ctx, requestId } = call;
  request.record.action = 'AbortMultipartUpload';
  const upload = await ownUpload(call);
  await ctx.store.abortMultipart(upload.uploadId);
  request.res.writeHead(204, { 'x-cos-request-id': requestId }).end();
}

/**
 * GET Bucket?uploads. A temporary credential only sees the uploads of keys it may write (the
 * SDKs' resume lists by prefix = the key they are about to upload).
 */
export async function listMultipartUploads(call: CosCall): Promise<void> {
  const { request, ctx, bucket, requestId, caller } = call;
  request.record.action = 'ListMultipartUploads';
  if (caller.kind === 'anonymous') throw new CosError('AccessDenied', 'Access Denied.');
  const prefix = request.url.searchParams.get('prefix') ?? '';
  const uploads = (await ctx.store.listMultipartUploads(bucket)).filter(
    (u) =>
      u.key.startsWith(prefix) &&
      (caller.kind === 'account'
        ? ctx.options.cosAccountKeyScope === 'bucket' || findV2SessionOfPath(ctx, u.key) !== undefined
        : ctx.credentials.mayWrite(caller.credential, 'cos', bucket, u.key)),
  );
  const xml = xmlDocument({
    ListMultipartUploadsResult: {
      Bucket: bucket,
      'Encoding-Type': '',
      KeyMarker: '',
      UploadIdMarker: '',
      NextKeyMarker: '',
      NextUploadIdMarker: '',
      MaxUploads: 1000,
      IsTruncated: false,
      Prefix: prefix,
      Upload: uploads.map((u) => ({
        Key: u.key,
        UploadId: u.uploadId,
        StorageClass: 'STANDARD',
        Initiator: OWNER,
        Owner: OWNER,
        Initiated: u.initiated,
      })),
    },
  });
  sendXml(request.res, 200, xml, { 'x-cos-request-id': requestId });
}

/** The upload named by `?uploadId`, which must belong to the key in the path and be writable. */
async function ownUpload(call: CosCall): Promise<MultipartUploadMeta> {
  const { request, ctx, bucket, key } = call;
  const uploadId = request.url.searchParams.get('uploadId') ?? '';
  request.record.uploadId = uploadId;
  assertMayWrite(call.caller, ctx, bucket, key);
  const upload = await ctx.store.getMultipart(uploadId);
  if (upload.bucket !== bucket || upload.key !== key) {
    throw new CosError('NoSuchUpload', 'The specified upload does not exist.');
  }
  return upload;
}

async function readXmlBody(call: CosCall): Promise<string> {
  try {
    return (await call.request.body(4 << 20)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new CosError('MalformedXML', 'The XML body is too large.');
    throw error;
  }
}

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Part' });

function parseCompleteBody(xml: string): CompletePart[] {
  const malformed = () => new CosError('MalformedXML', 'The XML you provided was not well-formed.');
  if (!xml.trim() || XMLValidator.validate(xml) !== true) throw malformed();
  let doc: { CompleteMultipartUpload?: { Part?: unknown[] } };
  try {
    // The validator passes documents the parser still refuses: nested past its limit (100) or an
    // element named `__proto__`.
    doc = parser.parse(xml) as typeof doc;
  } catch {
    throw malformed();
  }
  const parts = doc.CompleteMultipartUpload?.Part;
  if (!Array.isArray(parts)) throw new CosError('MalformedXML', 'CompleteMultipartUpload has no Part.');
  return parts.map((part) => {
    const { PartNumber, ETag } = (part ?? {}) as { PartNumber?: unknown; ETag?: unknown };
    if (typeof PartNumber !== 'string' || !/^\d{1,5}$/.test(PartNumber) || typeof ETag !== 'string') {
      throw new CosError('MalformedXML', 'Each Part needs a PartNumber and an ETag.');
    }
    return { partNumber: Number(PartNumber), etag: ETag };
  });
}

function clampInt(value: string | null, fallback: number, min: number, max: number): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  return Math.min(max, Math.max(min, Number(value)));
}
