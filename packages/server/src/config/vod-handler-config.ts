import type { ProviderKey } from '@vod-uploader/core';
import type { AliyunCloud } from '../aliyun/aliyun-cloud.js';
import type { AliyunConfig } from '../aliyun/aliyun-config.js';
import type { ServerRouteName } from '../http/server-routes.js';
import type { OnMediaEventFn } from '../media-events/media-event.js';
import type { UrlImportPolicy } from '../policy/url-import-guard.js';
import type { PrepareUploadFn } from '../prepare-upload/prepare-upload.js';
import type { RateLimitStore } from '../rate-limit/rate-limit-store.js';
import type { S3Cloud } from '../s3/s3-cloud.js';
import type { S3Config } from '../s3/s3-config.js';
import type { SharedStore } from '../store/shared-store.js';
import type { TencentCloud } from '../tencent/tencent-cloud.js';
import type { TencentConfig } from '../tencent/tencent-config.js';
import type { Caller } from './caller.js';

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
   * The normalised media events (`media.uploaded`, `.processing`, `.ready`, `.failed`, `.deleted`)
   * that the Tencent poller and the push/callback receivers (built from this same config) deliver,
   * once each. Setting it also binds each upload to its caller: a sealed caller id goes into
   * Tencent `SessionContext`/`SourceContext`, and the owner of each Alibaba video or import is
   * recorded in `store` (Alibaba callbacks are unsigned), so every event names its `callerId`
   * (README "Media events").
   */
  onMediaEvent?: OnMediaEventFn;
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
