import type { ProviderKey } from '@vod-uploader/core';
import type { AliyunCloud } from './aliyun.js';
import type { PrepareUploadFn } from './prepare-upload.js';
import type { RateLimitStore } from './rate-limit-store.js';
import type { S3Cloud } from './s3.js';
import type { ServerRouteName } from './server-routes.js';
import type { SharedStore } from './store/shared-store.js';
import type { TencentCloud } from './tencent.js';
import type { UrlImportPolicy } from './url-import-guard.js';

/** Who is asking, as `authorize` decided. `id` keys rate limits, S3 key ownership and URL-import dedup. */
export interface Caller {
  /** Stable id of the user or client (e.g. the user id of the session). */
  id: string;
  [key: string]: unknown;
}

/** What `authorize` returns to refuse a request (see `refuse()`). */
export interface AuthRefusal {
  refuse: 'unauthorized' | 'forbidden';
  /** Shown to the client; keep it free of internals. */
  message?: string;
}

/**
 * Decides who the caller is from the incoming request (cookie, `Authorization` header…). Return the
 * caller, or `refuse('unauthorized')` (401) / `refuse('forbidden')` (403); throwing a
 * `VodUploadError` with one of those codes works too. Must not read the request body: the handler
 * reads it afterwards.
 */
export type AuthorizeFn = (request: Request) => Caller | AuthRefusal | Promise<Caller | AuthRefusal>;

/** Tencent Cloud VOD (API 3.0, version 2018-07-17). */
export interface TencentConfig {
  secretId: string;
  secretKey: string;
  /** API region, e.g. `ap-guangzhou`. */
  region: string;
  /** API host, default `vod.tencentcloudapi.com`; the sandbox's `vodEndpoint` (`127.0.0.1:PORT`) in tests. */
  endpoint?: string;
  /** `https://` (default) or `http://` (sandbox only). */
  protocol?: 'https://' | 'http://';
  /**
   * Host of the COS bucket the browser uploads to, as a cos-js-sdk-v5 `Domain` template without a
   * scheme: a custom COS domain (`media.example.com`), the accelerate domain
   * (`{Bucket}.cos.accelerate.myqcloud.com`) or the sandbox's `127.0.0.1:<port>/{Bucket}`. Sent to
   * the browser with every apply-upload answer (`storageEndpoint`), because `ApplyUpload` names the
   * bucket but not the host. Default: none, and the browser uses `{Bucket}.cos.{Region}.myqcloud.com`.
   */
  cosDomain?: string;
  /** Scheme of `cosDomain`: `https:` (default) or `http:` (the sandbox). */
  cosProtocol?: 'https:' | 'http:';
  /** VOD sub-application; sent with every call. */
  subAppId?: number;
  /**
   * Serve the legacy v2 `ApplyUpload` (`vod.api.qcloud.com/v2/index.php`) instead of API 3.0, for
   * accounts still on it. A v2 session's COS requests are signed by `/tencent/v2/sign-cos` with the
   * account key, and it is committed with v2 `CommitUpload`; pull and task routes keep API 3.0.
   */
  legacyV2?: TencentLegacyV2Config;
  /** Task flow run after upload (`Procedure`). */
  procedure?: string;
  /** Category of new media (`ClassId`). */
  classId?: number;
  /** Storage region of new media (`StorageRegion`). */
  storageRegion?: string;
  /** Media expire this many seconds after their upload is applied for (`ExpireTime`). */
  expireTime?: number;
  /** Passed back in event notifications (`SourceContext`, ≤ 250 chars). */
  sourceContext?: string;
  /** Timeout of one cloud call, seconds. Default 30. */
  timeoutSeconds?: number;
}

/** The legacy v2 API of Tencent VOD (see `TencentConfig.legacyV2`). */
export interface TencentLegacyV2Config {
  /** e.g. `https://vod.api.qcloud.com/v2/index.php`. */
  url: string;
  /**
   * The APPID of the storage bucket. v2 answers `storageBucket` without it
   * (`6c0f1c00vodgzp251000333`) and the v2 documentation does not say which APPID completes it to a
   * COS v5 name (`<name>-<APPID>`): set it to the APPID your VOD buckets show in the COS console.
   * The endpoint adds it to the v2 answer as `appId` for the browser's decoder.
   */
  appId: string;
}

/** Alibaba Cloud ApsaraVideo VOD (RPC API, version 2017-03-21). */
export interface AliyunConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** e.g. `cn-shanghai`. */
  regionId: string;
  /** Default `https://vod.<regionId>.aliyuncs.com`; the sandbox's `vodEndpoint` in tests. */
  endpoint?: string;
  templateGroupId?: string;
  workflowId?: string;
  cateId?: number;
  appId?: string;
  storageLocation?: string;
  /** Timeout of one cloud call, seconds. Default 30. */
  timeoutSeconds?: number;
}

/** Any S3-compatible store. */
export interface S3Config {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Custom endpoint (MinIO, R2, the sandbox…); default AWS. */
  endpoint?: string;
  bucket: string;
  forcePathStyle?: boolean;
  /** Prefix of every generated key, e.g. `tenant-a/`. Default none. */
  keyPrefix?: string;
  /** Lifetime of presigned URLs. Default 900 (15 min); a part must *start* within it. */
  presignExpiresSeconds?: number;
  /**
   * Secret for the HMAC that marks keys as server-generated. Default: derived from
   * `secretAccessKey`, so every instance sharing the key accepts the others' keys.
   */
  keySigningSecret?: string;
}

/** Fields a client may set when the policy allows it; otherwise the request is refused. */
export type ClientSettableField =
  | 'procedure'
  | 'classId'
  | 'sourceContext'
  | 'sessionContext'
  | 'templateGroupId'
  | 'cateId';

/** What the server accepts, decided on the server. */
export interface UploadPolicy {
  /**
   * Media (video/audio) extensions, lower-case without dot, for every provider. Default: per provider,
   * the common video and audio types its cloud accepts (core's `supportedVideoExtensions`).
   */
  allowedExtensions?: string[];
  /** Image/cover extensions. Default `jpg`, `jpeg`, `png`, `gif`, `webp` (Alibaba images: no webp). */
  allowedImageExtensions?: string[];
  /** Largest file, bytes. When set, requests must state `fileSize`. Default: no limit. */
  maxFileSize?: number;
  /** Fields the client may set; any other is refused with `policy_refused`. Default none. */
  allowClientFields?: ClientSettableField[];
  /**
   * URL imports (`mediaUrl`, `coverUrl`) are refused, before any cloud call, when they point at an IP
   * address, `localhost`, or a name resolving to a loopback/private/link-local/… address. List
   * development origins in `allowHosts`. `maxFileSize` applies to imports too: a finished import over
   * it is deleted and reported as `policy_refused` instead of `onUploaded`.
   */
  urlImport?: UrlImportPolicy;
}

/** CORS for apps served from another origin. */
export interface CorsOptions {
  /** Allowed origins (exact match, e.g. `https://app.example.com`), or `'*'` for any (no cookies then). */
  origins: string[] | '*';
  /** Request headers a browser may send. Default `content-type`, `authorization`. */
  allowHeaders?: string[];
  /** How long a browser may cache a preflight answer, seconds. Default 600. */
  maxAgeSeconds?: number;
}

/** A custom limiter: return false to answer 429 `rate_limited`. */
export type RateLimitFn = (
  caller: Caller,
  route: ServerRouteName,
  request: Request,
) => boolean | Promise<boolean>;

/** The built-in limiter: at most `limit` requests per caller, per route, per window. */
export interface RateLimitOptions {
  /** Requests per caller per route per window. Default 120. */
  limit?: number;
  /** Window length, ms. Default 60,000. */
  windowMs?: number;
  /**
   * Limits of single routes. Default: `s3Sign` and `tencentV2SignCos` get ten times `limit`, as
   * they sign every part (a 4 GiB file in 8 MiB parts is 512 signatures) and every retry.
   */
  routes?: Partial<Record<ServerRouteName, number>>;
  /**
   * Where counts live. Default the handler's `store` (in memory unless a shared one is given), so
   * a Redis `store` makes the limit hold across instances; kept for apps that count elsewhere.
   */
  store?: RateLimitStore;
}

/** Secrets of the sealed upload tickets. */
export interface TicketOptions {
  /** The first seals new tickets; every listed one opens them (drop a secret to void its tickets). */
  secrets: string[];
  /** Lifetime of a ticket, seconds. Default 86,400 (24 h; see `DEFAULT_TICKET_TTL_SECONDS`). */
  ttlSeconds?: number;
}

/** One committed media, reported once to `onUploaded`. */
export interface UploadedEvent {
  provider: ProviderKey;
  /** Tencent `FileId`, Alibaba `VideoId`/`ImageId`, or the S3 object key. */
  mediaId: string;
  kind: 'video' | 'image' | 'object';
  mediaUrl?: string;
  caller: Caller;
  /** The cloud's raw answer that proved the upload (CommitUpload, GetVideoInfo, HeadObject…). */
  raw: unknown;
}

/** The cloud layers, injectable so tests and benchmarks can run the policy without the network. */
export interface CloudLayers {
  tencent?: TencentCloud;
  aliyun?: AliyunCloud;
  s3?: S3Cloud;
}

interface VodHandlerConfigBase {
  /** Path the routes live under. Default `/api/vod`. */
  basePath?: string;
  tencent?: TencentConfig;
  aliyun?: AliyunConfig;
  s3?: S3Config;
  policy?: UploadPolicy;
  cors?: CorsOptions;
  /**
   * Per-caller, per-route request limit, checked after `authorize` and before the body is read;
   * over it the answer is 429 `rate_limited`. Default: the built-in fixed-window limiter
   * (`RateLimitOptions` defaults) in memory. `false` turns it off (put a limiter in front then); a
   * function decides itself (return false to refuse).
   */
  rateLimit?: RateLimitOptions | false | RateLimitFn;
  /**
   * How long the small JSON body of a request may take to arrive, ms. Default 10,000: a body is a few
   * hundred bytes, so only a client holding the connection open on purpose needs longer. Over it
   * the answer is 408 `request_timeout`.
   */
  bodyTimeoutMs?: number;
  /**
   * Secrets that seal the upload tickets binding each upload session to its caller (see the README's
   * "Ownership"). Default: derived from the configured providers' secrets, so every instance with
   * the same keys agrees with no state; set it to rotate (new secret first, old ones after it).
   */
  tickets?: TicketOptions;
  /**
   * Fires once per committed media, across every instance sharing `store` (a week's memory of
   * ids absorbs double commits and repeated status reads). If it throws, the client gets a 500 and
   * may retry; the hook then fires again. When the store cannot be reached it does not fire: the
   * client gets 503 `store_unavailable` (retryable) and retries later.
   */
  onUploaded?: (event: UploadedEvent) => void | Promise<void>;
  /**
   * Sets the cloud parameters of each upload application and URL import per request (ApplyUpload,
   * PullUpload, CreateUploadVideo, CreateUploadImage, UploadMediaByURL), over the config defaults
   * and the client's allowed fields: e.g. `SessionContext`/`UserData` naming the app's user. See
   * `PrepareUploadFn` and the README's "Per-request parameters".
   */
  prepareUpload?: PrepareUploadFn;
  /** Sees every unexpected error (the client only gets a safe message). Default: `console.error`. */
  onError?: (error: unknown, route: ServerRouteName | undefined) => void;
  /** Replaces the SDK-backed cloud layers (tests, benchmarks, custom transports). */
  clouds?: CloudLayers;
  /**
   * What the endpoint's instances share: the once-only `onUploaded` per media, URL-import
   * de-duplication, the built-in limiter's counts (and, with media events, event idempotency).
   * Default a `MemorySharedStore`, right for one process; behind a load balancer pass one shared
   * store, e.g. `createRedisSharedStore({ url: process.env.REDIS_URL })` (`configFromEnv` does so
   * when `REDIS_URL` is set). See the README's "Running several instances".
   */
  store?: SharedStore;
}

/**
 * Configuration of `createVodHandler`. Exactly one of `authorize` and `allowAnyone: true`: letting
 * everyone in must be spelled out.
 */
export type VodHandlerConfig = VodHandlerConfigBase &
  (
    | { authorize: AuthorizeFn; allowAnyone?: undefined }
    | {
        /** Every request is served as caller `{ id: 'anyone' }`. For demos and the sandbox only. */
        allowAnyone: true;
        authorize?: undefined;
      }
  );
