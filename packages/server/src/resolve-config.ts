import { createHmac } from 'node:crypto';
import { vodError } from '@vod-uploader/core';
import { z } from 'zod';
import { type AliyunCloud, type AliyunResult, createAliyunCloud } from './aliyun.js';
import { CallerTags } from './caller-tags.js';
import type { PrepareUploadFn } from './prepare-upload.js';
import { resolveRateLimit } from './resolve-rate-limit.js';
import { createS3Cloud, type S3Cloud } from './s3.js';
import { S3ObjectKeys } from './s3-object-keys.js';
import { MemorySharedStore } from './store/memory-shared-store.js';
import { OnceAcrossInstances } from './store/once-across-instances.js';
import type { SharedStore } from './store/shared-store.js';
import { storeUnavailable } from './store/store-unavailable.js';
import { createTencentCloud, type TencentCloud, type TencentResult } from './tencent.js';
import { ResolvedPolicy } from './upload-policy.js';
import { UploadTickets } from './upload-tickets.js';
import type {
  AliyunConfig,
  AuthorizeFn,
  RateLimitFn,
  S3Config,
  TencentConfig,
  UploadedEvent,
  VodHandlerConfig,
} from './vod-handler-config.js';

/** The configuration with defaults applied and cloud layers built, once per handler. */
export interface ResolvedConfig {
  basePath: string;
  authorize: AuthorizeFn;
  policy: ResolvedPolicy;
  tencent?: {
    config: TencentConfig;
    cloud: TencentCloud;
    /**
     * A double submit of a pull upload within ten minutes, to any instance sharing the store,
     * shares the first answer (same TaskId); after that the cloud's own `SessionId` dedup (3 days)
     * refuses it.
     */
    pullUploads: OnceAcrossInstances<TencentResult>;
    tags: CallerTags;
  };
  aliyun?: {
    config: AliyunConfig;
    cloud: AliyunCloud;
    /**
     * UploadMediaByURL has no dedup field, so a double submit (same caller, URL, name) within ten
     * minutes, to any instance sharing the store, shares the first call's answer (same JobId).
     */
    urlImports: OnceAcrossInstances<AliyunResult>;
    tags: CallerTags;
  };
  s3?: { config: S3Config; cloud: S3Cloud; keys: S3ObjectKeys; expiresIn: number };
  rateLimit: RateLimitFn | undefined;
  /** Seals and opens the tickets that bind upload sessions to their callers. */
  tickets: UploadTickets;
  bodyTimeoutMs: number;
  /** The per-request parameter hook, if any. */
  prepareUpload: PrepareUploadFn | undefined;
  /** What the instances share (`config.store`, default one in memory). */
  store: SharedStore;
  /** Fires `onUploaded` once per media id across the instances sharing `store` (no-op without a hook). */
  uploaded(event: UploadedEvent): Promise<void>;
  /**
   * Rejects with `store_unavailable` when `onUploaded` is set and the store does not answer: for a
   * step the cloud takes only once (Tencent's CommitUpload), checked before it, so a commit is not
   * made whose report could not be recorded (the retry would find the session already committed).
   */
  canReportUploads(): Promise<void>;
  onError(error: unknown, route: string | undefined): void;
  /** Every configured secret, for the response scrubber. */
  secrets: string[];
}

/** How long a URL import's answer is handed to repeats of it (same caller, link, name, attempt). */
const IMPORT_WINDOW_MS = 10 * 60 * 1000;

const text = z.string().trim().min(1, 'must not be empty');
const tencentSchema = z.object({
  secretId: text,
  secretKey: text,
  region: text,
  endpoint: text.optional(),
  protocol: z.enum(['https://', 'http://']).optional(),
  cosDomain: text.regex(/^[^\s:/]+(:\d+)?(\/\S*)?$/, 'must be a host template without a scheme').optional(),
  cosProtocol: z.enum(['https:', 'http:']).optional(),
  subAppId: z.number().int().positive().optional(),
  legacyV2: z
    .object({
      url: z.url({ protocol: /^https?$/ }),
      appId: z.string().regex(/^\d{1,20}$/, 'must be an APPID (digits)'),
    })
    .optional(),
  procedure: text.optional(),
  classId: z.number().int().nonnegative().optional(),
  storageRegion: text.optional(),
  expireTime: z.number().int().positive().optional(),
  sourceContext: z.string().max(250).optional(),
  timeoutSeconds: z.number().positive().optional(),
});
const aliyunSchema = z.object({
  accessKeyId: text,
  accessKeySecret: text,
  regionId: text,
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  templateGroupId: text.optional(),
  workflowId: text.optional(),
  cateId: z.number().int().nonnegative().optional(),
  appId: text.optional(),
  storageLocation: text.optional(),
  timeoutSeconds: z.number().positive().optional(),
});
const s3Schema = z.object({
  accessKeyId: text,
  secretAccessKey: text,
  region: text,
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  bucket: text,
  forcePathStyle: z.boolean().optional(),
  keyPrefix: z
    .string()
    .regex(
      /^([\w-][\w.-]*\/)*$/,
      'must be empty or segments ending with "/" (letters, digits, ".", "-", "_"; not starting with ".")',
    )
    .optional(),
  // SigV4 presigned URLs live at most 7 days.
  presignExpiresSeconds: z.number().int().min(1).max(604_800).optional(),
  keySigningSecret: z.string().min(16).optional(),
});
const policySchema = z.object({
  allowedExtensions: z.array(text).optional(),
  allowedImageExtensions: z.array(text).optional(),
  maxFileSize: z.number().int().positive().optional(),
  allowClientFields: z
    .array(z.enum(['procedure', 'classId', 'sourceContext', 'sessionContext', 'templateGroupId', 'cateId']))
    .optional(),
  urlImport: z
    .object({
      allowHosts: z
        .array(
          z.string().regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i, 'must be "host" or "host:port"'),
        )
        .optional(),
      resolveHost: z.custom<unknown>((value) => typeof value === 'function', 'must be a function').optional(),
    })
    .optional(),
});
const ticketsSchema = z.object({
  secrets: z.array(z.string().min(16, 'must be at least 16 characters')).min(1, 'must not be empty'),
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 60 * 60)
    .optional(),
});
const rateLimitSchema = z.union([
  z.literal(false),
  z.function(),
  z.object({
    limit: z.number().int().positive().optional(),
    windowMs: z.number().int().positive().optional(),
    routes: z.record(z.string(), z.number().int().positive()).optional(),
    store: z.object({ increment: z.function() }).optional(),
  }),
]);
const sharedStoreSchema = z.custom<SharedStore>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['setIfAbsent', 'get', 'set', 'delete', 'increment', 'extendIfEqual', 'deleteIfEqual'].every(
      (method) => typeof (value as Record<string, unknown>)[method] === 'function',
    ),
  'must be a SharedStore (setIfAbsent, get, set, delete, increment, extendIfEqual, deleteIfEqual)',
);
const corsSchema = z.object({
  origins: z.union([z.literal('*'), z.array(z.url())]),
  allowHeaders: z.array(text).optional(),
  maxAgeSeconds: z.number().int().nonnegative().optional(),
});

/**
 * Checks the configuration and builds what the handler needs. Throws `config_invalid` naming the
 * option at fault, so a wrong setup fails at start-up rather than on the first upload.
 */
export function resolveConfig(config: VodHandlerConfig): ResolvedConfig {
  const authorize = resolveAuthorize(config);
  check(tencentSchema, config.tencent, 'tencent');
  check(aliyunSchema, config.aliyun, 'aliyun');
  check(s3Schema, config.s3, 's3');
  check(policySchema, config.policy, 'policy');
  check(corsSchema, config.cors, 'cors');
  check(ticketsSchema, config.tickets, 'tickets');
  check(rateLimitSchema, config.rateLimit, 'rateLimit');
  check(z.number().int().positive(), config.bodyTimeoutMs, 'bodyTimeoutMs');
  check(z.function(), config.prepareUpload, 'prepareUpload');
  check(sharedStoreSchema, config.store, 'store');
  const basePath = (config.basePath ?? '/api/vod').replace(/\/+$/, '');
  if (basePath && !basePath.startsWith('/')) {
    throw vodError('config_invalid', 'basePath: must start with "/"', { field: 'basePath' });
  }
  if (!config.tencent && !config.aliyun && !config.s3) {
    throw vodError('config_invalid', 'configure at least one of tencent, aliyun and s3');
  }
  const clouds = config.clouds ?? {};
  const onError =
    config.onError ??
    ((error: unknown, route: string | undefined) => console.error(`[vod-uploader] ${route ?? '-'}:`, error));
  const store = config.store ?? new MemorySharedStore();
  const recordFailed = (error: unknown) => onError(error, undefined);
  // Remembered a week: a status route read days later must not report a finished import again.
  const once = new OnceAcrossInstances<void>(store, 'uploaded', {
    ttlMs: 7 * 24 * 60 * 60 * 1000,
    onError: recordFailed,
  });
  const resolved: ResolvedConfig = {
    basePath,
    authorize,
    policy: new ResolvedPolicy(config.policy),
    rateLimit: resolveRateLimit(config.rateLimit, store),
    store,
    tickets: new UploadTickets({
      secrets: config.tickets?.secrets ?? [derivedTicketSecret(config)],
      ...(config.tickets?.ttlSeconds ? { ttlSeconds: config.tickets.ttlSeconds } : {}),
    }),
    bodyTimeoutMs: config.bodyTimeoutMs ?? 10_000,
    prepareUpload: config.prepareUpload,
    uploaded: (event) => {
      const hook = config.onUploaded;
      return hook
        ? once.run(`${event.provider}:${event.mediaId}`, async () => {
            await hook(event);
          })
        : Promise.resolve();
    },
    canReportUploads: async () => {
      if (!config.onUploaded) return;
      try {
        await store.get('vod-uploader:probe');
      } catch (error) {
        throw storeUnavailable(error);
      }
    },
    onError,
    secrets: [...(config.tickets?.secrets ?? [])],
  };
  if (config.tencent) {
    const tencent = config.tencent;
    resolved.tencent = {
      config: tencent,
      cloud: clouds.tencent ?? createTencentCloud(tencent),
      pullUploads: new OnceAcrossInstances(store, 'import:tencent', {
        ttlMs: IMPORT_WINDOW_MS,
        onError: recordFailed,
      }),
      tags: new CallerTags(tencent.secretKey),
    };
    resolved.secrets.push(tencent.secretKey);
  }
  if (config.aliyun) {
    const aliyun = config.aliyun;
    resolved.aliyun = {
      config: aliyun,
      cloud: clouds.aliyun ?? createAliyunCloud(aliyun),
      urlImports: new OnceAcrossInstances(store, 'import:aliyun', {
        ttlMs: IMPORT_WINDOW_MS,
        onError: recordFailed,
      }),
      tags: new CallerTags(aliyun.accessKeySecret),
    };
    resolved.secrets.push(aliyun.accessKeySecret);
  }
  if (config.s3) {
    const s3 = config.s3;
    const keySecret =
      s3.keySigningSecret ??
      createHmac('sha256', s3.secretAccessKey).update('vod-uploader/s3-key-secret/v1').digest('hex');
    resolved.s3 = {
      config: s3,
      cloud: clouds.s3 ?? createS3Cloud(s3),
      keys: new S3ObjectKeys(keySecret, s3.keyPrefix ?? ''),
      expiresIn: s3.presignExpiresSeconds ?? 900,
    };
    resolved.secrets.push(s3.secretAccessKey, keySecret);
  }
  return resolved;
}

/**
 * The ticket secret when none is configured: a hash of every configured provider secret, so all
 * instances holding the same keys seal and open the same tickets, and changing a key voids them.
 */
function derivedTicketSecret(config: VodHandlerConfig): string {
  const keys = [config.tencent?.secretKey, config.aliyun?.accessKeySecret, config.s3?.secretAccessKey];
  return createHmac('sha256', keys.map((key) => key ?? '').join('\n'))
    .update('vod-uploader/ticket-secret/v1')
    .digest('hex');
}

function resolveAuthorize(config: VodHandlerConfig): AuthorizeFn {
  const { authorize, allowAnyone } = config as { authorize?: unknown; allowAnyone?: unknown };
  if (authorize !== undefined && allowAnyone !== undefined) {
    throw vodError('config_invalid', 'authorize, allowAnyone: set one of them, not both', {
      field: 'authorize',
    });
  }
  if (typeof authorize === 'function') return authorize as AuthorizeFn;
  if (allowAnyone === true) return () => ({ id: 'anyone' });
  throw vodError(
    'config_invalid',
    'authorize: required (a function returning the caller); to serve everyone, say allowAnyone: true',
    { field: 'authorize' },
  );
}

function check(schema: z.ZodType, value: unknown, name: string): void {
  if (value === undefined) return;
  const parsed = schema.safeParse(value);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const field = [name, ...(issue?.path ?? [])].join('.');
  throw vodError('config_invalid', `${field}: ${issue?.message ?? 'invalid'}`, { field });
}
