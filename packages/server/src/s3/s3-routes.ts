import { createHash } from 'node:crypto';
import {
  classifyCloudError,
  normalizeMediaExtension,
  type S3CompletedPart,
  type S3CompleteResponse,
  type S3SignPartsResponse,
  type S3SignResponse,
  vodError,
} from '@vod-uploader/core';
import type { z } from 'zod';
import { CloudCallError } from '../cloud/cloud-call-error.js';
import { parseWith } from '../http/parse-with.js';
import { reportUploaded } from '../http/report-uploaded.js';
import { s3CompleteSchema, s3SignSchema } from '../http/request-schemas.js';
import type { ProviderRoutes, RouteContext } from '../http/route-context.js';
import { issueMediaTicket } from '../media-status/media-ticket.js';
import { expectTicketFor, type TicketClaims } from '../ownership/upload-tickets.js';
import { extensionOf } from '../policy/media-extensions.js';
import { sizeMismatch } from '../policy/size-mismatch.js';
import { compositeCrc32cOf } from './s3-composite-checksum.js';
import { type S3Operation, signedHeadersOf } from './s3-operation.js';
import type { S3Provider } from './s3-provider.js';

type S3SignBody = z.output<typeof s3SignSchema>;

/** S3's part bounds. @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html */
const MAX_PARTS = 10_000;

/**
 * The S3 routes. `/s3/sign` is `@uppy/aws-s3` 6's `signRequest` on the server: it picks the key on
 * PUT and create (answering the session's ticket), and signs every later step only with that
 * ticket, for that caller and key. A PUT signs the declared `Content-Length` and `Content-Type`; a
 * part its own `Content-Length`, within the part count the declared size allows. A batch (`parts`)
 * signs each of its parts exactly so, after one ticket check for all.
 */
export const s3Routes: ProviderRoutes<S3Provider> = {
  async s3Sign(context, s3) {
    const body = parseWith(s3SignSchema, await context.body());
    if (body.parts) return signParts(context, s3, body, body.parts);
    const operation = operationFor(context, s3, body);
    const url = await s3.cloud.presign(operation, s3.config.presignExpiresSeconds);
    const answer: S3SignResponse = { url };
    if (operation.kind === 'putObject' || operation.kind === 'createMultipartUpload') {
      // @uppy/aws-s3 takes `key` as the real key only on PutObject and CreateMultipartUpload.
      answer.key = operation.key;
      // Signed, so the browser must send exactly these.
      answer.headers = { 'content-type': operation.contentType };
    }
    const signedHeaders = signedHeadersOf(operation);
    if (signedHeaders) answer.headers = { ...answer.headers, ...signedHeaders };
    return answer;
  },

  async s3Complete(context, s3) {
    const body = parseWith(s3CompleteSchema, await context.body());
    const claims = context.openTicket(body.ticket, 's3');
    expectTicketFor(claims, { kind: 'object', id: body.key }, 's3');
    checkOwned(context, s3, body.key);
    const info: S3CompleteResponse =
      body.uploadId && body.parts
        ? await completeOnServer(s3, claims, body.key, body.uploadId, body.parts)
        : await checkStoredObject(s3, claims, body.key);
    // Beside the report, so the answer waits for neither alone.
    const swept = claims.partSize !== undefined ? abortOrphans(context, s3, body.key) : undefined;
    issueMediaTicket(context, 's3', body.key);
    await reportUploaded(context, { provider: 's3', kind: 'object', mediaId: body.key }, info);
    await swept;
    return info;
  },
};

/**
 * Aborts the multipart uploads left open on a completed key: a lost create answer's (no parts), or
 * one the caller made by replaying the create URL and sent parts to (billed). Either would stay
 * open until a lifecycle rule ends it. Best effort: a key without
 * `s3:ListBucketMultipartUploads` is told to `onError`, and the upload still succeeds.
 */
async function abortOrphans(context: RouteContext, s3: S3Provider, key: string): Promise<void> {
  try {
    await s3.cloud.abortOpenUploads?.(key);
  } catch (error) {
    context.reportError(error);
  }
}

/**
 * A retried complete whose first attempt succeeded (its answer lost on the way) finds no upload
 * (`NoSuchUpload`), or the object that attempt stored (412: complete is conditional). The object is
 * then the one these parts made when it has the declared size and the ETag S3 gives an object
 * assembled from exactly these parts (the MD5 of their MD5s, `-n`): each of them was checked by S3
 * against its signed CRC32C, so their composite is the object's. Anything else is the original
 * failure.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
async function completedBefore(
  s3: S3Provider,
  key: string,
  parts: S3CompletedPart[],
  declaredSize: number,
  checksum: string | undefined,
  error: unknown,
): Promise<{ eTag?: string; checksumCRC32C?: string }> {
  const { cloudCode } = error instanceof CloudCallError ? error.details : {};
  // Core's one table: the upload that is no more (`not_found`), or the object Complete kept (`keyTaken`).
  const known = cloudCode !== undefined ? classifyCloudError({ provider: 's3', cloudCode }) : undefined;
  if (known?.code !== 'not_found' && !known?.keyTaken) throw error;
  const info = await s3.cloud.headObject(key).catch(() => undefined);
  if (!info || info.size !== declaredSize || info.eTag !== multipartETagOf(parts)) throw error;
  return { eTag: info.eTag, ...(checksum ? { checksumCRC32C: checksum } : {}) };
}

/** The ETag S3 gives a multipart object: the MD5 of its parts' binary MD5s, then `-<parts>`, quoted. */
function multipartETagOf(parts: S3CompletedPart[]): string | undefined {
  const md5s = parts.map((p) => p.etag.replace(/"/g, ''));
  if (md5s.some((m) => !/^[0-9a-f]{32}$/i.test(m))) return undefined;
  const digest = createHash('md5')
    .update(Buffer.concat(md5s.map((m) => Buffer.from(m, 'hex'))))
    .digest('hex');
  return `"${digest}-${parts.length}"`;
}

/** An object the browser PUT or completed: HeadObject proves it is there, at the declared size. */
async function checkStoredObject(
  s3: S3Provider,
  claims: TicketClaims,
  key: string,
): Promise<S3CompleteResponse> {
  const info = await s3.cloud.headObject(key);
  if (claims.declaredSize !== undefined && info.size !== claims.declaredSize) {
    // A bigger (or smaller) object than the one allowed must not stay in the bucket.
    await s3.cloud.deleteObject(key);
    throw sizeMismatch('s3', info.size, claims.declaredSize);
  }
  return info;
}

/**
 * Completes the ticket's multipart upload from the browser's parts list. Parts 1 to n, each signed
 * with its exact `Content-Length`, can only add up to the declared size, and `x-amz-mp-object-size`
 * has S3 itself refuse any other; S3 also refuses a part whose ETag or CRC32C is not the stored
 * one. The composite CRC32C S3 answers is held against the listed parts' before anything is
 * reported: an object that is not the file is deleted (`integrity_failed`).
 */
async function completeOnServer(
  s3: S3Provider,
  claims: TicketClaims,
  key: string,
  uploadId: string,
  parts: S3CompletedPart[],
): Promise<S3CompleteResponse> {
  const { declaredSize, count } = partLayoutOf(claims);
  if (parts.length !== count || parts.some((p, i) => p.partNumber !== i + 1)) {
    throw vodError('request_invalid', `parts: must be parts 1 to ${count} in order, each once`, {
      provider: 's3',
      field: 'parts',
    });
  }
  const checked = parts.some((p) => p.checksumCRC32C);
  if (checked && parts.some((p) => !p.checksumCRC32C)) {
    throw vodError('request_invalid', 'parts: a checksumCRC32C for every part, or for none', {
      provider: 's3',
      field: 'parts',
    });
  }
  const expected = checked ? await compositeCrc32cOf(parts) : undefined;
  const answer = await s3.cloud
    .completeMultipartUpload(key, uploadId, parts, declaredSize)
    .catch((error: unknown) => completedBefore(s3, key, parts, declaredSize, expected, error));
  if (expected && answer.checksumCRC32C && answer.checksumCRC32C !== expected) {
    await s3.cloud.deleteObject(key);
    throw vodError(
      'integrity_failed',
      `The object S3 assembled has checksum ${answer.checksumCRC32C}, but its parts give ${expected}; it was deleted.`,
      { provider: 's3', retryable: false },
    );
  }
  return {
    key,
    size: declaredSize,
    ...(answer.eTag ? { eTag: answer.eTag } : {}),
    ...(claims.contentType ? { contentType: claims.contentType } : {}),
    ...(answer.checksumCRC32C ? { checksumCRC32C: answer.checksumCRC32C } : {}),
  };
}

/** A batch of parts: one ticket check, then each part signed as a single part would be. */
async function signParts(
  context: RouteContext,
  s3: S3Provider,
  body: S3SignBody,
  parts: NonNullable<S3SignBody['parts']>,
): Promise<S3SignPartsResponse> {
  const { method, uploadId } = body;
  if (method !== 'PUT' || !uploadId) {
    throw vodError('request_invalid', 'parts: only a PUT with uploadId signs a batch of parts', {
      field: 'parts',
    });
  }
  if (body.partNumber !== undefined || body.partSize !== undefined || body.checksumCRC32C !== undefined) {
    throw vodError('request_invalid', 'parts: send either parts or one partNumber, not both', {
      field: 'parts',
    });
  }
  const claims = claimsOf(context, s3, body);
  const signed = await Promise.all(
    parts.map(async (part) => {
      const operation: S3Operation = {
        kind: 'uploadPart',
        key: body.key,
        uploadId,
        partNumber: part.partNumber,
        contentLength: partLength(claims, part.partNumber, part.partSize),
        ...checksumOf(part),
      };
      const url = await s3.cloud.presign(operation, s3.config.presignExpiresSeconds);
      const headers = signedHeadersOf(operation);
      return { partNumber: part.partNumber, url, ...(headers ? { headers } : {}) };
    }),
  );
  return { parts: signed };
}

/** Every step after PUT/create: the session's ticket, for this caller and this key. */
function claimsOf(context: RouteContext, s3: S3Provider, body: S3SignBody): TicketClaims {
  if (body.ticket === undefined) {
    throw vodError('request_invalid', 'ticket: required for every step after PUT/create', {
      field: 'ticket',
    });
  }
  const claims = context.openTicket(body.ticket, 's3');
  expectTicketFor(claims, { kind: 'object', id: body.key }, 's3');
  checkOwned(context, s3, body.key);
  return claims;
}

function operationFor(context: RouteContext, s3: S3Provider, body: S3SignBody): S3Operation {
  const { method, uploadId, partNumber } = body;
  if (!uploadId) {
    if (method === 'PUT' || method === 'POST') return openSession(context, s3, body, method);
    throw vodError('policy_refused', `method: ${method} without uploadId is not served (only uploads are)`, {
      field: 'method',
    });
  }
  const claims = claimsOf(context, s3, body);
  const { key } = body;
  switch (method) {
    case 'PUT':
      if (partNumber === undefined) {
        throw vodError('request_invalid', 'partNumber: required to sign an upload part', {
          field: 'partNumber',
        });
      }
      return {
        kind: 'uploadPart',
        key,
        uploadId,
        partNumber,
        contentLength: partLength(claims, partNumber, body.partSize),
        ...checksumOf(body),
      };
    case 'GET':
      return {
        kind: 'listParts',
        key,
        uploadId,
        ...(body.partNumberMarker ? { partNumberMarker: body.partNumberMarker } : {}),
      };
    case 'POST':
      return { kind: 'completeMultipartUpload', key, uploadId };
    case 'DELETE':
      return { kind: 'abortMultipartUpload', key, uploadId };
  }
}

/** The CRC32C a PUT is signed with, when the browser sent one. */
function checksumOf(body: { checksumCRC32C?: string | undefined }): { checksumCRC32C?: string } {
  return body.checksumCRC32C ? { checksumCRC32C: body.checksumCRC32C } : {};
}

/**
 * PUT or create: checks the file against the policy, generates its key and issues the session's
 * ticket (key, declared size, type, part size).
 */
function openSession(
  context: RouteContext,
  s3: S3Provider,
  body: S3SignBody,
  method: 'PUT' | 'POST',
): S3Operation {
  const { policy } = context;
  const fileName = body.fileName ?? body.key;
  const extension = extensionOf(fileName);
  if (!extension) {
    throw vodError('policy_refused', 'fileName: must end with the file extension, e.g. video.mp4', {
      field: 'fileName',
    });
  }
  let family: 'media' | 'image' = 'media';
  try {
    policy.checkMediaExtension(extension, 'fileName', 's3');
  } catch (mediaRefusal) {
    // Covers and thumbnails go to the same bucket as the videos.
    try {
      policy.checkImageExtension(extension, 'fileName');
      family = 'image';
    } catch {
      throw mediaRefusal;
    }
  }
  policy.checkFileSize(body.fileSize);
  if (body.fileSize === undefined) {
    throw vodError('request_invalid', 'fileSize: required, S3 signs the length of the upload', {
      field: 'fileSize',
    });
  }
  const contentType = contentTypeFor(body.contentType, family, extension);
  const key = s3.keys.generate(context.caller.id, fileName, context.now);
  const claims: TicketClaims = {
    provider: 's3',
    kind: 'object',
    id: key,
    declaredSize: body.fileSize,
    contentType,
  };
  if (method === 'PUT') {
    context.issueTicket(claims);
    return { kind: 'putObject', key, contentLength: body.fileSize, contentType, ...checksumOf(body) };
  }
  if (body.partSize === undefined) {
    throw vodError('request_invalid', 'partSize: required to create a multipart upload', {
      field: 'partSize',
    });
  }
  if (Math.ceil(body.fileSize / body.partSize) > MAX_PARTS) {
    throw vodError('policy_refused', `partSize: more than ${MAX_PARTS} parts for this file`, {
      field: 'partSize',
    });
  }
  context.issueTicket({ ...claims, partSize: body.partSize });
  const { checksumAlgorithm } = body;
  return {
    kind: 'createMultipartUpload',
    key,
    contentType,
    ...(checksumAlgorithm ? { checksumAlgorithm } : {}),
  };
}

/**
 * The type the object is stored with, signed, so S3 refuses any other at upload. A file the browser
 * could not type is stored as `application/octet-stream`. A media file's type must be `video/*` or
 * `audio/*`, an image's exactly its extension's (`image/png` for `.png`): the bucket serves the
 * object with this type, and a scriptable one (`image/svg+xml`, any `html` or `xml`) under a media
 * key would be stored script.
 */
function contentTypeFor(given: string | undefined, family: 'media' | 'image', extension: string): string {
  if (given === undefined || given === '' || given === 'application/octet-stream') {
    return 'application/octet-stream';
  }
  const type = given.toLowerCase();
  const agrees =
    family === 'media'
      ? /^(video|audio)\/[\w.+-]+$/.test(type) && !/html|xml|script/.test(type)
      : /^image\/[\w.+-]+$/.test(type) && sameImageExtension(normalizeMediaExtension(type), extension);
  if (!agrees) {
    throw vodError(
      'policy_refused',
      `contentType: "${given.slice(0, 64)}" does not match the file's extension`,
      {
        field: 'contentType',
      },
    );
  }
  return type;
}

/** `image/jpeg` is `jpg` to core's table; a `.jpeg` file is the same image. */
function sameImageExtension(ofType: string | undefined, extension: string): boolean {
  const jpeg = (e: string) => (e === 'jpeg' ? 'jpg' : e);
  return ofType !== undefined && jpeg(ofType) === jpeg(extension);
}

/**
 * The `Content-Length` to sign for one part: the parts follow from the declared size and part size
 * (n = ceil(declared / partSize)), every part but the last is exactly `partSize`, and the last is
 * what remains, so the parts can only add up to the declared size.
 */
function partLength(claims: TicketClaims, partNumber: number, requestedSize: number | undefined): number {
  const { declaredSize, partSize, count } = partLayoutOf(claims);
  if (partNumber > count) {
    throw vodError(
      'policy_refused',
      `partNumber: ${partNumber} is past the last part (${count}) of the declared size`,
      {
        field: 'partNumber',
      },
    );
  }
  const expected = partNumber < count ? partSize : declaredSize - partSize * (count - 1);
  if (requestedSize !== undefined && requestedSize !== expected) {
    throw vodError('policy_refused', `partSize: part ${partNumber} must be ${expected} bytes`, {
      field: 'partSize',
    });
  }
  return expected;
}

/** A multipart ticket's declared size, part size and part count; any other ticket is `forbidden`. */
function partLayoutOf(claims: TicketClaims): { declaredSize: number; partSize: number; count: number } {
  const { declaredSize, partSize } = claims;
  if (declaredSize === undefined || partSize === undefined) {
    throw vodError('forbidden', 'ticket: not the ticket of a multipart upload', {
      provider: 's3',
      field: 'ticket',
    });
  }
  return { declaredSize, partSize, count: Math.max(1, Math.ceil(declaredSize / partSize)) };
}

function checkOwned(context: RouteContext, s3: S3Provider, key: string): void {
  if (!s3.keys.owns(context.caller.id, key)) {
    throw vodError('policy_refused', 'key: not a key this server generated for you', { field: 'key' });
  }
}
