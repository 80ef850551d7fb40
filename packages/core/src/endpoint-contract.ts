import type { VodUploadErrorJSON } from './errors.js';

/**
 * The wire contract between the browser (packages/uppy) and the credential endpoint (packages/server).
 * Every route takes and returns JSON. Paths are relative to the endpoint's base path (e.g. `/api/vod`).
 *
 * Success: HTTP 2xx with `EndpointSuccess<T>`: `result` is the cloud's raw result, untouched, so the
 * browser decodes exactly what the cloud said; `serverTime` (epoch ms) lets the browser correct its
 * clock before it signs anything.
 * Failure: HTTP 4xx/5xx with `EndpointFailure`.
 */
export interface EndpointSuccess<T> {
  result: T;
  serverTime: number;
  /**
   * Opaque, sealed by the server: binds the upload session this answer opened (media id, session
   * key or object key, declared size) to the caller who asked. Set by the routes that open a session
   * (Tencent apply-upload, Alibaba create-upload-video/-image, S3 sign of a PUT or create); every later
   * call of that session sends it back as `ticket`, so no one else can refresh, sign, commit or
   * complete it, with no state on the server.
   */
  ticket?: string;
  /**
   * Where the bucket of this upload is reached, when the endpoint is configured with a host other
   * than the cloud's default (the local sandbox, a custom COS domain or an accelerate domain). Sent
   * with Tencent's apply-upload only: `ApplyUpload` names the bucket and region but not the host, and
   * the browser cannot guess a host the server was configured with. Absent → the SDK's default
   * (`<bucket>.cos.<region>.myqcloud.com` over HTTPS).
   */
  storageEndpoint?: StorageEndpoint;
}

/** A bucket host the endpoint tells the browser about (see `EndpointSuccess.storageEndpoint`). */
export interface StorageEndpoint {
  /**
   * cos-js-sdk-v5 `Domain` template, e.g. `{Bucket}.cos-accelerate.myqcloud.com`,
   * `media.example.com` or the sandbox's `127.0.0.1:<port>/{Bucket}`.
   */
  domain: string;
  protocol: 'http:' | 'https:';
}

export interface EndpointFailure {
  error: VodUploadErrorJSON;
}

/** Route paths, one constant per route so client and server can never drift apart. */
export const ENDPOINT_ROUTES = {
  /** POST `TencentApplyUploadRequest` → `{ Response: ApplyUpload result }` (API 3.0) or the v2 JSON. */
  tencentApplyUpload: '/tencent/apply-upload',
  /**
   * POST `TencentCommitUploadRequest` → `{ Response: CommitUpload result }` (API 3.0), or the legacy
   * v2 CommitUpload JSON `{ code, fileId, video: { url }, cover?: { url } }` for a v2 session's ticket.
   */
  tencentCommitUpload: '/tencent/commit-upload',
  /**
   * POST `TencentV2SignCosRequest` → `TencentV2SignCosResponse`: a legacy v2 session has no
   * temporary credential, so the endpoint signs each COS request with the account key, only for the
   * session's own storage paths and only for PutObject and the multipart steps.
   */
  tencentV2SignCos: '/tencent/v2/sign-cos',
  /** POST `TencentPullUploadRequest` → `{ Response: PullUpload result }`. */
  tencentPullUpload: '/tencent/pull-upload',
  /** GET `/tencent/tasks/:taskId` → `{ Response: DescribeTaskDetail result }`. */
  tencentTask: '/tencent/tasks',
  /** POST `AliyunCreateUploadVideoRequest` → CreateUploadVideo result (base64 UploadAddress/UploadAuth). */
  aliyunCreateUploadVideo: '/aliyun/create-upload-video',
  /** POST `{ videoId }` → RefreshUploadVideo result. */
  aliyunRefreshUploadVideo: '/aliyun/refresh-upload-video',
  /** POST `AliyunCreateUploadImageRequest` → CreateUploadImage result. */
  aliyunCreateUploadImage: '/aliyun/create-upload-image',
  /** POST `UrlImportRequest` → UploadMediaByURL result. */
  aliyunUrlImport: '/aliyun/url-import',
  /** GET `/aliyun/url-import/:jobId` → GetURLUploadInfos result. */
  aliyunUrlImportStatus: '/aliyun/url-import',
  /**
   * POST `AliyunCompleteRequest` after the bytes are in OSS → the GetVideoInfo / GetImageInfo result.
   * The server checks the media with the cloud, then fires its `onUploaded` hook (once per id).
   */
  aliyunComplete: '/aliyun/complete',
  /**
   * POST `S3SignRequest` → `{ url, key?, headers? }` (the `PresignedResponse` of `@uppy/aws-s3` 6's
   * `signRequest`). Serves single PUTs and every multipart step; the server picks the object key on
   * PUT/create and only signs later requests for keys it generated.
   */
  s3Sign: '/s3/sign',
  /**
   * POST `S3CompleteRequest` → `S3CompleteResponse`; fires the server's `onUploaded` hook (once per
   * key). With `uploadId` and `parts` the server completes the multipart upload itself; without, it
   * checks the object the browser PUT or completed (HeadObject).
   */
  s3Complete: '/s3/complete',
  /**
   * POST `MediaStatusRequest` → `MediaStatus`: where the cloud's processing of an uploaded media
   * stands, read from the cloud (caller-bound by the finish answer's `ticket`).
   */
  mediaStatus: '/media/status',
  /**
   * POST `SessionCheckRequest` → `SessionCheckResult`: whether an upload session's `ticket` is still
   * this caller's, asked before a resumed checkpoint sends its first byte under a credential it
   * holds itself (Tencent API 3.0, Alibaba), so a checkpoint left by another sign-in sends nothing.
   */
  sessionCheck: '/session/check',
} as const;

/**
 * What a route that opens a cloud session takes so that a repeat of one request is not a second
 * session: the browser's retry of a call whose answer was lost on the way back (a dropped
 * connection after the endpoint had the cloud create the upload).
 */
export interface OnceOnlyRequest {
  /**
   * Made fresh for each request (`newRequestId()`) and sent again by its retries: within ten minutes
   * the same caller's same body with the same id gets the first call's answer (a new ticket for the
   * same session) instead of another ApplyUpload / CreateUploadVideo / CreateUploadImage. 16 to 64
   * letters, digits, `-` or `_`.
   */
  requestId?: string;
}

/** Body of POST /tencent/apply-upload. Fields the server's policy does not allow are refused. */
export interface TencentApplyUploadRequest extends OnceOnlyRequest {
  /** File extension of the media, e.g. `mp4`. */
  mediaType: string;
  mediaName?: string;
  /** File extension of the cover, e.g. `jpg`, when a cover will be uploaded. */
  coverType?: string;
  /** Size in bytes, checked against the server's maximum. */
  fileSize?: number;
  /** Size of the cover in bytes, checked against the same maximum. */
  coverSize?: number;
  /** Only honoured when the server's policy allows the client to set it. */
  procedure?: string;
  classId?: number;
  sourceContext?: string;
  sessionContext?: string;
}

export interface TencentCommitUploadRequest {
  vodSessionKey: string;
  /** The `ticket` of the apply-upload answer. */
  ticket: string;
}

/**
 * Body of POST /tencent/v2/sign-cos: the COS request the browser is about to send, as
 * cos-js-sdk-v5's `getAuthorization` describes it.
 */
export interface TencentV2SignCosRequest {
  /** The `ticket` of the legacy v2 apply-upload answer. */
  ticket: string;
  /** `HEAD`: HeadObject, when a no-overwrite PUT met an object (this PUT's first copy, or not). */
  method: 'PUT' | 'POST' | 'GET' | 'DELETE' | 'HEAD';
  /** The object key, without the leading `/` (the session's video or cover storage path). */
  key: string;
  /**
   * Query parameters the request carries, spelled as COS spells them and as they are sent
   * (`uploads`, `uploadId`, `partNumber`, …); all are signed, each value checked first.
   */
  query?: Record<string, string>;
  /**
   * Headers to sign (at least `host`). Only content and `x-cos-meta-*` headers are accepted; a PUT
   * (a part's too) and a Complete need `x-cos-forbid-overwrite: true`.
   */
  headers?: Record<string, string>;
}

/** Answer of POST /tencent/v2/sign-cos (inside `EndpointSuccess.result`). */
export interface TencentV2SignCosResponse {
  /** The COS `Authorization` header value (q-sign, HMAC-SHA1, with the account key). */
  authorization: string;
  /** The signature's validity, Unix seconds (`q-sign-time`). */
  startTime: number;
  expiredTime: number;
}

export interface UrlImportRequest {
  /** http(s) URL of the media to import. */
  mediaUrl: string;
  mediaName?: string;
  coverUrl?: string;
  /** Extension of the media when the URL does not show it, e.g. `mp4`. */
  mediaType?: string;
  /**
   * 1 for a first try (the default), 2… for the user's retries: the server derives the cloud's dedup
   * id (`SessionId`) from the caller, URL, name and attempt, so a double click makes one media while a
   * retry of a failed import makes a new task.
   */
  attempt?: number;
}

export interface AliyunCreateUploadVideoRequest extends OnceOnlyRequest {
  /** Original file name, with its extension. */
  fileName: string;
  title?: string;
  fileSize?: number;
  description?: string;
  tags?: string[];
  /** Only honoured when the server's policy allows the client to set it. */
  templateGroupId?: string;
  cateId?: number;
}

export interface AliyunRefreshUploadVideoRequest {
  videoId: string;
  /** The `ticket` of the create-upload-video answer. */
  ticket: string;
}

export interface AliyunCreateUploadImageRequest extends OnceOnlyRequest {
  imageType: 'default' | 'cover';
  /** png, jpg, jpeg or gif. */
  imageExt: string;
  title?: string;
  fileSize?: number;
}

/**
 * Body of POST /s3/sign: one `@uppy/aws-s3` 6 `PresignableRequest` plus what the server's policy needs
 * to know about the file.
 */
export interface S3SignRequest {
  method: 'PUT' | 'POST' | 'GET' | 'DELETE';
  /** The requested key on PUT/create (the file name); the server-generated key afterwards. */
  key: string;
  uploadId?: string;
  partNumber?: number;
  contentType?: string;
  /** The file's name, size and type, checked against the server's policy on PUT and create. */
  fileName?: string;
  fileSize?: number;
  /** Sent by `@uppy/aws-s3`; the server's own presign lifetime wins. */
  expiresIn?: number;
  /**
   * On create (POST without `uploadId`): the part size the upload will use, so the server can bound
   * the part count and sign each part's `Content-Length`. On a part (PUT with `uploadId`): that
   * part's size in bytes.
   */
  partSize?: number;
  /** Every step after PUT/create: the `ticket` of the PUT/create answer. */
  ticket?: string;
  /**
   * PUT (single or part): the body's CRC32C (base64), signed into the URL as the
   * `x-amz-checksum-crc32c` header the browser then sends, so S3 itself refuses other bytes (`BadDigest`).
   */
  checksumCRC32C?: string;
  /** POST create: `CRC32C` makes the multipart upload keep (and Complete require) each part's CRC32C. */
  checksumAlgorithm?: 'CRC32C';
  /**
   * GET with `uploadId` (ListParts): the `NextPartNumberMarker` of the page before, signed in as
   * `part-number-marker`, so an upload with more stored parts than one page (S3 lists 1,000) is
   * listed in full on resume.
   */
  partNumberMarker?: number;
  /**
   * PUT with `uploadId`, instead of `partNumber`/`partSize`/`checksumCRC32C`: signs these parts
   * (at most {@link S3_SIGN_BATCH_MAX}) in one call, each exactly as a single part is signed (its
   * `Content-Length` from the ticket's declared size and part size, its CRC32C header), bound to the
   * caller by the same `ticket`. The answer is an {@link S3SignPartsResponse}. One endpoint round
   * trip signs the next N parts instead of N round trips.
   */
  parts?: S3PartToSign[];
}

/** Most parts one POST /s3/sign signs (`S3SignRequest.parts`). */
export const S3_SIGN_BATCH_MAX = 100;

/** One part of a batched POST /s3/sign (`S3SignRequest.parts`). */
export interface S3PartToSign {
  partNumber: number;
  /** The part's size in bytes; checked against what the ticket's declared size allows. */
  partSize?: number;
  /** The part's CRC32C (base64), signed in as `x-amz-checksum-crc32c`. */
  checksumCRC32C?: string;
}

/** Answer of a batched POST /s3/sign (inside `EndpointSuccess.result`): one signed request per part, in request order. */
export interface S3SignPartsResponse {
  parts: Array<{ partNumber: number; url: string; headers?: Record<string, string> }>;
}

/**
 * Body of POST /aliyun/complete: the id of the video or image whose bytes are uploaded, and the
 * `ticket` of its create answer.
 */
export type AliyunCompleteRequest =
  | {
      videoId: string;
      ticket: string;
      /**
       * The ticket of the video's cover (its CreateUploadImage answer's): the server sets that image's
       * URL as the video's `CoverURL` (UpdateVideoInfo). Only an image of the same caller can be named.
       */
      coverTicket?: string;
    }
  | { imageId: string; ticket: string };

/**
 * Body of POST /s3/complete: the server-generated key of the finished object and its `ticket`. A
 * multipart upload also sends its `uploadId` and every part, so the server sends
 * CompleteMultipartUpload itself, with the declared size as `x-amz-mp-object-size`: S3 refuses any
 * other size, and no HeadObject has to follow (one round trip less than the browser completing and
 * the server then checking). At most {@link S3_COMPLETE_PARTS_MAX} parts.
 */
export interface S3CompleteRequest {
  key: string;
  ticket: string;
  uploadId?: string;
  /** Parts 1 to n in order, n the part count the declared size and part size give. */
  parts?: S3CompletedPart[];
}

/** One stored part of a multipart upload, as POST /s3/complete lists it. */
export interface S3CompletedPart {
  partNumber: number;
  /** The ETag UploadPart answered, quotes included. */
  etag: string;
  /** The part's CRC32C (base64), when the upload keeps checksums. */
  checksumCRC32C?: string;
}

/** Most parts one POST /s3/complete lists: S3's own limit of a multipart upload. */
export const S3_COMPLETE_PARTS_MAX = 10_000;

/** Answer of POST /s3/complete (inside `EndpointSuccess.result`): the stored object. */
export interface S3CompleteResponse {
  key: string;
  size: number;
  eTag?: string;
  contentType?: string;
  /**
   * A multipart upload completed by the server with checksums: S3's composite CRC32C
   * (`<base64>-<parts>`), which the server has already held against the parts' own.
   */
  checksumCRC32C?: string;
}

/** Answer of POST /s3/sign (inside `EndpointSuccess.result`). */
export interface S3SignResponse {
  url: string;
  key?: string;
  headers?: Record<string, string>;
}

/**
 * Body of POST /media/status: the `ticket` of the commit / complete answer (Tencent CommitUpload,
 * Alibaba complete, S3 complete), which binds the media id (and Tencent's procedure TaskId) to the
 * caller who uploaded it, so no one else can read its state.
 */
export interface MediaStatusRequest {
  ticket: string;
}

/** Body of POST /session/check: the `ticket` of the answer that opened the session. */
export interface SessionCheckRequest {
  ticket: string;
}

/** Answer of POST /session/check for a ticket of this caller (another's is 403 `forbidden`). */
export interface SessionCheckResult {
  /** What the ticket opened: `video`, `image` or `object`. */
  kind: string;
}

/**
 * Where a media stands after its upload, the same for every cloud. `processing` while the cloud
 * transcodes (its stage in words where it says one), `ready` once it can be played, `failed` with
 * the cloud's reason. A store without processing (S3) is `ready` at once.
 */
export type MediaStatus =
  | { state: 'processing'; mediaId: string; stage?: string }
  | {
      state: 'ready';
      mediaId: string;
      /** A URL that plays the processed media (or the stored original where there is no output). */
      playUrl?: string;
      posterUrl?: string;
      durationSeconds?: number;
    }
  | { state: 'failed'; mediaId: string; reason: string; cloudCode?: string };
