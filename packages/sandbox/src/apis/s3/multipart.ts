import type { ApiRequest, SandboxContext } from '../../http/api-module.js';
import { ADDITIONAL_CHECKSUMS, type AdditionalChecksumName } from '../../store/additional-checksum.js';
import type { CompletePart, MultipartUploadMeta, PartMeta } from '../../store/object-store.js';
import { listPartsPage } from '../list-parts-page.js';
import { checkConditionalWrite, header, type S3Target, userMeta } from './objects.js';
import { assertMayAccess, authenticateS3, type S3Caller } from './s3-auth.js';
import { bodyError, verifiedObjectBody, verifiedSmallBody } from './s3-body.js';
import { checkPartChecksumType, checksumLabel, checksumNamed } from './s3-checksums.js';
import { S3Error } from './s3-errors.js';
import { malformedXml, parseS3Xml, sendS3Xml } from './s3-xml.js';

/**
 * S3's smallest part but the last (5 MiB).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
 */
export const S3_MIN_PART_SIZE = 5 * 1024 * 1024;
/** A CompleteMultipartUpload document lists at most 10,000 parts: ~1 MiB of XML is plenty. */
const COMPLETE_BODY_LIMIT = 2 * 1024 * 1024;
const OWNER = { ID: 'sandbox', DisplayName: 'sandbox' };
/**
 * The algorithms whose multipart checksum is COMPOSITE (the default type of all but CRC64NVME, which
 * S3 only computes over the FULL_OBJECT): such an upload keeps each part's checksum, and Complete must
 * list them all.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
const COMPOSITE_CHECKSUMS: readonly AdditionalChecksumName[] = ['crc32', 'crc32c', 'sha1', 'sha256'];

/** A multipart request names its upload; it must exist and belong to the addressed key. */
export interface S3UploadTarget extends S3Target {
  uploadId: string;
}

/** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html */
export async function createMultipartUpload(
  request: ApiRequest,
  ctx: SandboxContext,
  target: S3Target,
): Promise<void> {
  assertMayAccess(authenticateS3(request, ctx), ctx, target.bucket, target.key);
  const named = requestedChecksum(header(request, 'x-amz-checksum-algorithm'));
  if (header(request, 'x-amz-checksum-type')?.toUpperCase() === 'FULL_OBJECT') {
    throw new S3Error('NotImplemented', 'The sandbox does not emulate the FULL_OBJECT checksum type.');
  }
  // A composite algorithm's parts keep their checksums and Complete requires them; CRC64NVME (a full
  // object checksum) is checked per request only.
  const algorithm = named && COMPOSITE_CHECKSUMS.includes(named) ? named : undefined;
  const upload = await ctx.store.initiateMultipart(target.bucket, target.key, {
    contentType: header(request, 'content-type'),
    userMeta: userMeta(request),
    ...(algorithm ? { checksumAlgorithm: algorithm } : {}),
  });
  request.record.uploadId = upload.uploadId;
  ctx.faults.takeCreateFaults(request);
  sendS3Xml(
    request.res,
    'InitiateMultipartUploadResult',
    { Bucket: target.bucket, Key: target.key, UploadId: upload.uploadId },
    target.requestId,
    named ? { 'x-amz-checksum-algorithm': checksumLabel(named) } : {},
  );
}

/**
 * The algorithm `x-amz-checksum-algorithm` names at CreateMultipartUpload, if any; one S3 does not
 * have is refused (400 InvalidRequest, listing those the sandbox verifies, as S3 lists its own).
 */
function requestedChecksum(value: string | undefined): AdditionalChecksumName | undefined {
  if (value === undefined) return undefined;
  const named = checksumNamed(value.trim());
  if (!named) {
    throw new S3Error(
      'InvalidRequest',
      `Checksum algorithm provided is unsupported. Please try again with any of the valid types: [${ADDITIONAL_CHECKSUMS.map(checksumLabel).join(', ')}]`,
    );
  }
  return named;
}

/** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html */
export async function uploadPart(
  request: ApiRequest,
  ctx: SandboxContext,
  target: S3UploadTarget,
  partNumber: number,
): Promise<void> {
  const fault = await ctx.faults.interceptUpload(request.req, request.res);
  if (fault) {
    request.record.fault = fault;
    return;
  }
  const caller = authenticateS3(request, ctx);
  const upload = await findUpload(caller, ctx, target);
  if (upload.checksumAlgorithm) checkPartChecksumType(upload.checksumAlgorithm, request.req.headers);
  const body = verifiedObjectBody(request, caller, ctx.options.uploadMaxBytes);
  const part = await ctx.store
    .uploadPart(target.uploadId, partNumber, body.stream, {
      corruptAtRest: ctx.faults.corruptionOf(request.req) === 'rest',
    })
    .catch((error: unknown) => {
      throw bodyError(error);
    });
  request.res.writeHead(200, {
    etag: part.etag,
    ...body.echoed(),
    'x-amz-request-id': target.requestId,
    'content-length': '0',
  });
  request.res.end();
}

/** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html */
export async function completeMultipartUpload(
  request: ApiRequest,
  ctx: SandboxContext,
  target: S3UploadTarget,
): Promise<void> {
  const caller = authenticateS3(request, ctx);
  const upload = await findUpload(caller, ctx, target);
  const parts = completeParts(await verifiedSmallBody(request, caller, COMPLETE_BODY_LIMIT));
  const refuseIfExists = await checkConditionalWrite(request, ctx, target);
  const stored = new Map((await ctx.store.listParts(upload.uploadId)).map((p) => [p.partNumber, p]));
  if (upload.checksumAlgorithm) checkPartChecksums(upload.checksumAlgorithm, stored, parts);
  checkObjectSize(request, stored, parts);
  const meta = await ctx.store.completeMultipart(target.uploadId, parts, S3_MIN_PART_SIZE, {
    ...ctx.faults.takeCompleteFaults(request),
    refuseIfExists,
  });
  sendS3Xml(
    request.res,
    'CompleteMultipartUploadResult',
    {
      Location: `${ctx.descriptor.url}/${target.bucket}/${encodeURIComponent(target.key).replace(/%2F/g, '/')}`,
      Bucket: target.bucket,
      Key: target.key,
      ETag: meta.etag,
      ...(upload.checksumAlgorithm && meta.checksum
        ? { [checksumElement(upload.checksumAlgorithm)]: meta.checksum, ChecksumType: 'COMPOSITE' }
        : {}),
    },
    target.requestId,
  );
}

/**
 * An upload created with a (composite) checksum algorithm must list each part's checksum of that
 * algorithm at Complete (else 400 InvalidRequest, in S3's words), its parts numbered 1, 2, 3… with
 * none left out (else 400 InvalidPartOrder: the composite checksum is taken over consecutive parts),
 * each checksum equal to the one S3 kept for the part (else 400 InvalidPart); S3 completes nothing
 * either way.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompletedPart.html (PartNumber)
 */
function checkPartChecksums(
  algorithm: AdditionalChecksumName,
  stored: Map<number, PartMeta>,
  parts: S3CompletePart[],
): void {
  for (const [index, part] of parts.entries()) {
    const listed = part.checksums[algorithm];
    if (listed === undefined) {
      throw new S3Error(
        'InvalidRequest',
        `The upload was created using a ${algorithm} checksum. The complete request must include the checksum for each part. It was missing for part ${part.partNumber} in the request.`,
      );
    }
    if (part.partNumber !== index + 1) {
      throw new S3Error(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
      );
    }
    const have = stored.get(part.partNumber);
    if (have && have.checksum !== listed) {
      throw new S3Error(
        'InvalidPart',
        `One or more of the specified parts could not be found, or its checksum did not match (part ${part.partNumber}).`,
      );
    }
  }
}

/** A part's checksum element in S3's XML (`ChecksumCRC32C`). */
function checksumElement(algorithm: AdditionalChecksumName): string {
  return `Checksum${checksumLabel(algorithm)}`;
}

/**
 * `x-amz-mp-object-size`: the size the caller expects the object to have; S3 refuses any other
 * (400 InvalidRequest) and completes nothing. Parts that are not stored are left to the store's own
 * check (InvalidPart).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 */
function checkObjectSize(request: ApiRequest, stored: Map<number, PartMeta>, parts: CompletePart[]): void {
  const given = header(request, 'x-amz-mp-object-size');
  if (given === undefined) return;
  if (!/^\d{1,16}$/.test(given)) {
    throw new S3Error('InvalidRequest', 'The x-amz-mp-object-size header value is not a valid size.');
  }
  let total = 0;
  for (const part of parts) {
    const size = stored.get(part.partNumber)?.size;
    if (size === undefined) return;
    total += size;
  }
  if (total !== Number(given)) {
    throw new S3Error(
      'InvalidRequest',
      `The provided 'x-amz-mp-object-size' header value ${given} does not match the object size ${total}.`,
    );
  }
}

/** @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html */
export async function abortMultipartUpload(
  request: ApiRequest,
  ctx: SandboxContext,
  target: S3UploadTarget,
): Promise<void> {
  await findUpload(authenticateS3(request, ctx), ctx, target);
  await ctx.store.abortMultipart(target.uploadId);
  request.res.writeHead(204, { 'x-amz-request-id': target.requestId }).end();
}

/** `max-parts` (default 1000) and `part-number-marker` paginate. @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html */
export async function listParts(
  request: ApiRequest,
  ctx: SandboxContext,
  target: S3UploadTarget,
): Promise<void> {
  const upload = await findUpload(authenticateS3(request, ctx), ctx, target);
  const query = request.url.searchParams;
  const maxParts = integerParam(query.get('max-parts'), 1000, 'max-parts');
  const marker = integerParam(query.get('part-number-marker'), 0, 'part-number-marker');
  const page = await listPartsPage(
    ctx.store,
    target.uploadId,
    marker,
    ctx.faults.listPartsPage(maxParts),
    (p) => (upload.checksumAlgorithm ? { [checksumElement(upload.checksumAlgorithm)]: p.checksum } : {}),
  );
  sendS3Xml(
    request.res,
    'ListPartsResult',
    {
      Bucket: target.bucket,
      Key: upload.key,
      UploadId: upload.uploadId,
      Initiator: OWNER,
      Owner: OWNER,
      StorageClass: 'STANDARD',
      ...page,
      ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: checksumLabel(upload.checksumAlgorithm) } : {}),
    },
    target.requestId,
  );
}

/** Uploads in key order, filtered by `prefix`, at most `max-uploads`. @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html */
export async function listMultipartUploads(
  request: ApiRequest,
  ctx: SandboxContext,
  bucket: string,
  requestId: string,
): Promise<void> {
  assertMayAccess(authenticateS3(request, ctx), ctx, bucket, undefined);
  const query = request.url.searchParams;
  const prefix = query.get('prefix') ?? '';
  const maxUploads = integerParam(query.get('max-uploads'), 1000, 'max-uploads');
  const keyMarker = query.get('key-marker') ?? '';
  const uploads = (await ctx.store.listMultipartUploads(bucket)).filter(
    (u) => u.key.startsWith(prefix) && (keyMarker === '' || u.key > keyMarker),
  );
  const page = uploads.slice(0, maxUploads);
  const last = page.at(-1);
  sendS3Xml(
    request.res,
    'ListMultipartUploadsResult',
    {
      Bucket: bucket,
      KeyMarker: keyMarker,
      UploadIdMarker: '',
      NextKeyMarker: last?.key ?? '',
      NextUploadIdMarker: last?.uploadId ?? '',
      Prefix: prefix,
      MaxUploads: maxUploads,
      IsTruncated: uploads.length > page.length,
      Upload: page.map((u) => ({
        Key: u.key,
        UploadId: u.uploadId,
        Initiator: OWNER,
        Owner: OWNER,
        StorageClass: 'STANDARD',
        Initiated: u.initiated,
      })),
    },
    requestId,
  );
}

async function findUpload(
  caller: S3Caller,
  ctx: SandboxContext,
  target: S3UploadTarget,
): Promise<MultipartUploadMeta> {
  assertMayAccess(caller, ctx, target.bucket, target.key);
  const upload = await ctx.store.getMultipart(target.uploadId);
  if (upload.bucket !== target.bucket || upload.key !== target.key) {
    throw new S3Error(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    );
  }
  return upload;
}

/** A `<Part>` of CompleteMultipartUpload: the store's part, and the checksums listed with it. */
export interface S3CompletePart extends CompletePart {
  /** `<ChecksumCRC32>`, `<ChecksumSHA256>`…, by algorithm. */
  checksums: Partial<Record<AdditionalChecksumName, string>>;
}

/** `<CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>…`: anything else is MalformedXML. */
export function completeParts(body: Buffer): S3CompletePart[] {
  const doc = parseS3Xml(body).CompleteMultipartUpload;
  if (!doc || typeof doc !== 'object') throw malformedXml();
  const parts = (doc as { Part?: unknown }).Part;
  if (!Array.isArray(parts) || parts.length === 0) throw malformedXml();
  return parts.map((part: unknown) => {
    const fields = (part ?? {}) as Record<string, unknown>;
    const { PartNumber, ETag } = fields;
    if (typeof PartNumber !== 'string' || !/^\d{1,5}$/.test(PartNumber.trim()) || typeof ETag !== 'string') {
      throw malformedXml();
    }
    const checksums: S3CompletePart['checksums'] = {};
    for (const [element, value] of Object.entries(fields)) {
      const algorithm = element.startsWith('Checksum') ? checksumNamed(element.slice(8)) : undefined;
      if (algorithm && typeof value === 'string') checksums[algorithm] = value.trim();
    }
    return { partNumber: Number(PartNumber.trim()), etag: ETag.trim(), checksums };
  });
}

function integerParam(value: string | null, fallback: number, name: string): number {
  if (value === null) return fallback;
  if (!/^\d{1,9}$/.test(value)) {
    throw new S3Error('InvalidArgument', `Provided ${name} not an integer or within integer range`);
  }
  return Math.min(Number(value), name.startsWith('max-') ? 1000 : Number(value));
}
