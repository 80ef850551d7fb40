import { S3_COMPLETE_PARTS_MAX, S3_SIGN_BATCH_MAX } from '@vod-uploader/core';
import { z } from 'zod';

/**
 * A lone UTF-16 surrogate: valid in JSON (`"\ud800"`), but no cloud can take it (the SDKs' form and
 * URL encodings throw), so it is the client's error, refused here. What `isWellFormed` checks
 * (lib ES2023 does not type it yet).
 */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Every free-text field: a string that is well-formed UTF-16. */
const text = () =>
  z
    .string()
    .refine(
      (value) => !LONE_SURROGATE.test(value),
      'must be well-formed text (it holds a lone UTF-16 surrogate)',
    );

const extension = z
  .string()
  .min(1)
  .max(16)
  .regex(/^\.?[A-Za-z0-9]+$/, 'must be a file extension such as mp4');
const name = text().min(1).max(1024);
/**
 * A display name (media name, title): longer than the cloud takes is cut rather than refused, and an
 * empty one counts as absent (clients derive it from file names). The cut counts UTF-16 units, the
 * stricter reading of the clouds' "characters" (an emoji is two), and never splits a character.
 */
const displayName = (max: number) =>
  text()
    .max(1024)
    .transform((value) => cutToLength(value.trim(), max) || undefined);

function cutToLength(value: string, max: number): string {
  let cut = '';
  for (const character of value) {
    if (cut.length + character.length > max) break;
    cut += character;
  }
  return cut;
}
const fileSize = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** The sealed ticket of the session (`EndpointSuccess.ticket`); checked by the route, not here. */
const ticket = text().min(1).max(4096);
const cloudId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be an id of letters, digits, "-", "_" or "."');

/** `OnceOnlyRequest.requestId`: the browser's id of one request, the same on its retries. */
const requestId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16 to 64 letters, digits, "-" or "_"')
  .optional();

/** POST /tencent/apply-upload (`TencentApplyUploadRequest`). */
export const tencentApplyUploadSchema = z.strictObject({
  requestId,
  mediaType: extension,
  // Tencent's MediaName limit. @see https://cloud.tencent.com/document/api/266/31767
  mediaName: displayName(64).optional(),
  coverType: extension.optional(),
  fileSize: fileSize.optional(),
  coverSize: fileSize.optional(),
  procedure: text().min(1).max(128).optional(),
  classId: z.number().int().nonnegative().optional(),
  sourceContext: text().max(250).optional(),
  sessionContext: text().max(1000).optional(),
});

/** POST /tencent/commit-upload (`TencentCommitUploadRequest`). */
export const tencentCommitUploadSchema = z.strictObject({
  vodSessionKey: text().min(1).max(4096),
  ticket,
});

/** POST /tencent/pull-upload and /aliyun/url-import (`UrlImportRequest`). */
export const urlImportSchema = z.strictObject({
  mediaUrl: text().min(1).max(2048),
  mediaName: displayName(64).optional(),
  coverUrl: text().min(1).max(2048).optional(),
  mediaType: extension.optional(),
  /**
   * 1 for the first try of an import, then 2, 3… for each retry after the cloud's task failed. It is
   * part of the dedup id: without it a retry of the same URL would get the failed task back (and
   * Tencent refuses a reused `SessionId` for 3 days), while a double submit still shares one.
   */
  attempt: z.number().int().min(1).max(1000).optional(),
});

/** POST /aliyun/create-upload-video (`AliyunCreateUploadVideoRequest`). */
export const aliyunCreateUploadVideoSchema = z.strictObject({
  requestId,
  fileName: name,
  // ApsaraVideo's Title limit. @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadvideo
  title: displayName(128).optional(),
  fileSize: fileSize.optional(),
  description: text().max(1024).optional(),
  tags: z
    .array(
      text()
        .min(1)
        .max(32)
        .regex(/^[^,]+$/, 'must not contain commas'),
    )
    .max(16)
    .optional(),
  templateGroupId: text().min(1).max(64).optional(),
  cateId: z.number().int().nonnegative().optional(),
});

/** POST /aliyun/refresh-upload-video (`AliyunRefreshUploadVideoRequest`). */
export const aliyunRefreshUploadVideoSchema = z.strictObject({ videoId: cloudId, ticket });

/** POST /aliyun/create-upload-image (`AliyunCreateUploadImageRequest`). */
export const aliyunCreateUploadImageSchema = z.strictObject({
  requestId,
  imageType: z.enum(['default', 'cover']),
  imageExt: extension,
  title: displayName(128).optional(),
  fileSize: fileSize.optional(),
});

/** POST /aliyun/complete: exactly one of `videoId` and `imageId`. */
export const aliyunCompleteSchema = z.union([
  // `coverTicket`: the ticket of the video's cover image (CreateUploadImage `cover`), to attach it.
  z.strictObject({ videoId: cloudId, ticket, coverTicket: ticket.optional() }),
  z.strictObject({ imageId: cloudId, ticket }),
]);

/**
 * A part's size as S3 bounds it: at most 5 GiB.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
 */
const s3PartSize = z
  .number()
  .int()
  .positive()
  .max(5 * 1024 ** 3);

/** A CRC32C in base64 (4 bytes). */
const crc32c = z.string().regex(/^[A-Za-z0-9+/]{6}==$/);

/** POST /s3/sign (`S3SignRequest`, an `@uppy/aws-s3` 6 `PresignableRequest` plus the file's facts). */
export const s3SignSchema = z.strictObject({
  method: z.enum(['PUT', 'POST', 'GET', 'DELETE']),
  key: text().min(1).max(1024),
  uploadId: text().min(1).max(1024).optional(),
  partNumber: z.number().int().min(1).max(10_000).optional(),
  contentType: text().max(255).optional(),
  fileName: text().min(1).max(1024).optional(),
  fileSize: fileSize.optional(),
  /** Sent by @uppy/aws-s3; ignored, the server decides how long a URL lives. */
  expiresIn: z.number().optional(),
  /** Create: the part size of the upload; part: this part's size. */
  partSize: s3PartSize.optional(),
  /** Every step after PUT/create. */
  ticket: ticket.optional(),
  /** A PUT's CRC32C (base64 of 4 bytes), signed in as `x-amz-checksum-crc32c`. */
  checksumCRC32C: crc32c.optional(),
  /** On create: the multipart upload's checksum algorithm, signed in as `x-amz-checksum-algorithm`. */
  checksumAlgorithm: z.literal('CRC32C').optional(),
  /** ListParts: the page's `part-number-marker` (the last part number of the page before). */
  partNumberMarker: z.number().int().min(1).max(10_000).optional(),
  /** A batch of parts to sign in one call (`S3SignRequest.parts`). */
  parts: z
    .array(
      z.strictObject({
        partNumber: z.number().int().min(1).max(10_000),
        partSize: s3PartSize.optional(),
        checksumCRC32C: crc32c.optional(),
      }),
    )
    .min(1)
    .max(S3_SIGN_BATCH_MAX)
    .optional(),
});

/** POST /s3/complete (`S3CompleteRequest`): a multipart upload sends its `uploadId` and `parts` together. */
export const s3CompleteSchema = z
  .strictObject({
    key: text().min(1).max(1024),
    ticket,
    uploadId: text().min(1).max(1024).optional(),
    parts: z
      .array(
        z.strictObject({
          partNumber: z.number().int().min(1).max(10_000),
          // An ETag is a quoted hex digest (with `-n` after a copy); anything longer is not one.
          etag: text().min(1).max(128),
          checksumCRC32C: crc32c.optional(),
        }),
      )
      .min(1)
      .max(S3_COMPLETE_PARTS_MAX)
      .optional(),
  })
  .refine((body) => (body.uploadId === undefined) === (body.parts === undefined), {
    message: 'uploadId and parts: send both (a multipart upload) or neither',
    path: ['parts'],
  });

/** Ids in GET paths (`/tencent/tasks/:taskId`, `/aliyun/url-import/:jobId`). */
export const pathIdSchema = cloudId;

/** POST /tencent/v2/sign-cos (`TencentV2SignCosRequest`). */
export const tencentV2SignCosSchema = z.strictObject({
  ticket,
  method: z.enum(['PUT', 'POST', 'GET', 'DELETE', 'HEAD']),
  key: text().min(1).max(1024),
  query: z.record(text().max(128), text().max(4096)).optional(),
  headers: z.record(text().max(128), text().max(4096)).optional(),
});
