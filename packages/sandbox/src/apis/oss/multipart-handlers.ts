import { XMLParser } from 'fast-xml-parser';
import { BodyTooLargeError } from '../../http/request.js';
import { sendXml } from '../../http/send.js';
import { xmlDocument } from '../../http/xml-document.js';
import type { CompletePart, MultipartUploadMeta } from '../../store/object-store.js';
import { listPartsPage } from '../list-parts-page.js';
import { checkOssForbidOverwrite } from './object-handlers.js';
import { authorizeOssWrite, headerValue } from './oss-auth.js';
import { smallOssBody, verifiedOssBody } from './oss-body.js';
import { type OssCall, userMetaOf } from './oss-call.js';
import { OssError } from './oss-error.js';

/**
 * OSS's minimum size of every part but the last.
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/completemultipartupload
 */
export const OSS_MIN_PART_SIZE = 100 * 1024;

const xmlParser = new XMLParser({
  isArray: (name) => name === 'Part',
  parseTagValue: false,
  trimValues: true,
});

/** InitiateMultipartUpload (`POST /<bucket>/<key>?uploads`). */
export async function initiateMultipartUpload(call: OssCall): Promise<void> {
  const { request, ctx, bucket, key, principal } = call;
  request.record.action = 'InitiateMultipartUpload';
  authorizeOssWrite(ctx, principal, bucket, key);
  const upload = await ctx.store.initiateMultipart(bucket, key, {
    contentType: headerValue(request.req.headers, 'content-type') ?? '',
    userMeta: userMetaOf(call),
  });
  request.record.uploadId = upload.uploadId;
  ctx.faults.takeCreateFaults(request);
  sendXml(
    request.res,
    200,
    xmlDocument({ InitiateMultipartUploadResult: { Bucket: bucket, Key: key, UploadId: upload.uploadId } }),
    { 'x-oss-request-id': call.requestId },
  );
}

/** The upload named by `?uploadId=`, which must belong to this bucket and key. */
async function uploadOf(call: OssCall): Promise<MultipartUploadMeta> {
  const uploadId = call.request.url.searchParams.get('uploadId') ?? '';
  call.request.record.uploadId = uploadId;
  const upload = await call.ctx.store.getMultipart(uploadId);
  if (upload.bucket !== call.bucket || upload.key !== call.key) {
    throw new OssError(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      {
        UploadId: uploadId,
      },
    );
  }
  return upload;
}

/** UploadPart (`PUT ?partNumber=&uploadId=`): answers the part's ETag (quoted MD5). */
export async function uploadPart(call: OssCall): Promise<void> {
  const { request, ctx, bucket, key, principal } = call;
  request.record.action = 'UploadPart';
  authorizeOssWrite(ctx, principal, bucket, key);
  const upload = await uploadOf(call);
  const raw = request.url.searchParams.get('partNumber') ?? '';
  const partNumber = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(partNumber >= 1 && partNumber <= 10000)) {
    throw new OssError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive.', {
      ArgumentName: 'partNumber',
      ArgumentValue: raw,
    });
  }
  request.record.partNumber = partNumber;
  const fault = await ctx.faults.interceptUpload(request.req, request.res);
  if (fault) {
    request.record.fault = fault;
    return;
  }
  const part = await ctx.store.uploadPart(upload.uploadId, partNumber, verifiedOssBody(request, ctx), {
    corruptAtRest: ctx.faults.corruptionOf(request.req) === 'rest',
  });
  request.res
    .writeHead(200, {
      ETag: part.etag,
      'x-oss-hash-crc64ecma': part.crc64,
      'x-oss-request-id': call.requestId,
      'content-length': '0',
    })
    .end();
}

/**
 * CompleteMultipartUpload (`POST ?uploadId=`): the part list in XML, or `x-oss-complete-all: yes`
 * with an empty body for every uploaded part. The store checks order, ETags and the 100 KiB minimum.
 */
export async function completeMultipartUpload(call: OssCall): Promise<void> {
  const { request, ctx, bucket, key, principal } = call;
  request.record.action = 'CompleteMultipartUpload';
  authorizeOssWrite(ctx, principal, bucket, key);
  const upload = await uploadOf(call);
  const body = await smallOssBody(request, 1 << 20).catch((error: unknown) => {
    if (error instanceof BodyTooLargeError)
      throw new OssError('MalformedXML', 'The XML you provided was too large.');
    throw error;
  });
  const completeAll = headerValue(request.req.headers, 'x-oss-complete-all') === 'yes';
  let parts: CompletePart[];
  if (completeAll) {
    if (body.length > 0) {
      throw new OssError(
        'InvalidArgument',
        'Should not specify the part list when x-oss-complete-all is yes.',
      );
    }
    parts = (await ctx.store.listParts(upload.uploadId)).map((p) => ({
      partNumber: p.partNumber,
      etag: p.etag,
    }));
  } else {
    parts = parseCompleteXml(body.toString('utf8'));
  }
  const refuseIfExists = await checkOssForbidOverwrite(call);
  const meta = await ctx.store.completeMultipart(upload.uploadId, parts, OSS_MIN_PART_SIZE, {
    ...ctx.faults.takeCompleteFaults(request),
    refuseIfExists,
  });
  sendXml(
    request.res,
    200,
    xmlDocument({
      CompleteMultipartUploadResult: {
        Location: `${ctx.descriptor.aliyun.ossEndpoint}/${bucket}/${encodeURI(key)}`,
        Bucket: bucket,
        Key: key,
        ETag: meta.etag,
      },
    }),
    {
      ETag: meta.etag,
      'x-oss-request-id': call.requestId,
      ...(meta.crc64 ? { 'x-oss-hash-crc64ecma': meta.crc64 } : {}),
    },
  );
}

/** `<CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>…` → parts; MalformedXML otherwise. */
export function parseCompleteXml(xml: string): CompletePart[] {
  const malformed = () =>
    new OssError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema.',
    );
  let doc: unknown;
  try {
    doc = xmlParser.parse(xml, true);
  } catch {
    throw malformed();
  }
  const root = (doc as { CompleteMultipartUpload?: { Part?: unknown } } | undefined)?.CompleteMultipartUpload;
  const list = root && typeof root === 'object' ? root.Part : undefined;
  if (!Array.isArray(list) || list.length === 0) throw malformed();
  return list.map((part: unknown) => {
    const { PartNumber, ETag } = (part ?? {}) as { PartNumber?: unknown; ETag?: unknown };
    if (typeof PartNumber !== 'string' || !/^\d{1,5}$/.test(PartNumber) || typeof ETag !== 'string')
      throw malformed();
    return { partNumber: Number(PartNumber), etag: ETag };
  });
}

/** ListParts (`GET ?uploadId=`), with `max-parts` and `part-number-marker` paging. */
export async function listParts(call: OssCall): Promise<void> {
  const { request, ctx, bucket, key, principal } = call;
  request.record.action = 'ListParts';
  authorizeOssWrite(ctx, principal, bucket, key);
  const upload = await uploadOf(call);
  const query = request.url.searchParams;
  const maxParts = boundedInt(query.get('max-parts'), 1000, 'max-parts');
  const marker = boundedInt(query.get('part-number-marker'), 0, 'part-number-marker', 0, 10000);
  // OSS lists each part's CRC64, so a client can check what the bucket holds before completing.
  const page = await listPartsPage(
    ctx.store,
    upload.uploadId,
    marker,
    ctx.faults.listPartsPage(maxParts),
    (p) => (p.crc64 ? { HashCrc64ecma: p.crc64 } : {}),
  );
  sendXml(
    request.res,
    200,
    xmlDocument({
      ListPartsResult: {
        Bucket: bucket,
        Key: key,
        UploadId: upload.uploadId,
        ...page,
      },
    }),
    { 'x-oss-request-id': call.requestId },
  );
}

/** AbortMultipartUpload (`DELETE ?uploadId=`): 204. */
export async function abortMultipartUpload(call: OssCall): Promise<void> {
  const { request, ctx, bucket, key, principal } = call;
  request.record.action = 'AbortMultipartUpload';
  authorizeOssWrite(ctx, principal, bucket, key);
  const upload = await uploadOf(call);
  await ctx.store.abortMultipart(upload.uploadId);
  request.res.writeHead(204, { 'x-oss-request-id': call.requestId }).end();
}

/**
 * ListMultipartUploads (`GET /<bucket>/?uploads`), filtered by `prefix`. An STS credential sees only
 * the uploads of the keys it may write.
 */
export async function listMultipartUploads(call: OssCall): Promise<void> {
  const { request, ctx, bucket, principal } = call;
  request.record.action = 'ListMultipartUploads';
  if (principal.kind === 'anonymous') {
    throw new OssError('AccessDenied', 'You have no right to access this bucket because of bucket acl.');
  }
  const query = request.url.searchParams;
  const prefix = query.get('prefix') ?? '';
  const maxUploads = boundedInt(query.get('max-uploads'), 1000, 'max-uploads');
  const all = (await ctx.store.listMultipartUploads(bucket)).filter(
    (u) =>
      u.key.startsWith(prefix) &&
      (principal.kind === 'account' || ctx.credentials.mayWrite(principal.credential, 'oss', bucket, u.key)),
  );
  const page = all.slice(0, maxUploads);
  sendXml(
    request.res,
    200,
    xmlDocument({
      ListMultipartUploadsResult: {
        Bucket: bucket,
        KeyMarker: '',
        UploadIdMarker: '',
        NextKeyMarker: page.at(-1)?.key ?? '',
        NextUploadIdMarker: page.at(-1)?.uploadId ?? '',
        Delimiter: '',
        Prefix: prefix,
        MaxUploads: maxUploads,
        IsTruncated: all.length > page.length,
        Upload: page.map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiated: u.initiated })),
      },
    }),
    { 'x-oss-request-id': call.requestId },
  );
}

function boundedInt(raw: string | null, fallback: number, name: string, min = 1, max = 1000): number {
  if (raw === null || raw === '') return fallback;
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new OssError('InvalidArgument', `Argument ${name} is invalid.`, {
      ArgumentName: name,
      ArgumentValue: raw,
    });
  }
  return value;
}
