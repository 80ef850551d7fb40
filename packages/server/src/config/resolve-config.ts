import { createHmac } from 'node:crypto';
import { vodError } from '@vod-uploader/core';
import { z } from 'zod';
import { type AliyunConfig, aliyunConfigSchema } from '../aliyun/aliyun-config.js';
import type { OnMediaEventFn } from '../media-events/media-event.js';
import type { PrepareUploadFn } from '../prepare-upload/prepare-upload.js';
import type { RateLimitStore } from '../rate-limit/rate-limit-store.js';
import { type S3Config, s3ConfigSchema } from '../s3/s3-config.js';
import type { SharedStore } from '../store/shared-store.js';
import { type TencentConfig, tencentConfigSchema } from '../tencent/tencent-config.js';
import { text } from './config-fields.js';
import type {
  AuthorizeFn,
  CloudLayers,
  UploadedEvent,
  UploadPolicy,
  VodHandlerConfig,
} from './vod-handler-config.js';

/** S3's config with the defaults of presigning and key signing applied. */
export type ResolvedS3Config = S3Config & { presignExpiresSeconds: number; keySigningSecret: string };

/**
 * The configuration, checked and with its defaults applied, once per handler: plain values and the
 * app's hooks only. What is built from it (cloud layers, caches, the ticket sealer) is the
 * handler's services (`createHandlerServices`).
 */
export interface ResolvedConfig {
  basePath: string;
  authorize: AuthorizeFn;
  policy: UploadPolicy;
  tencent?: TencentConfig;
  aliyun?: AliyunConfig;
  s3?: ResolvedS3Config;
  rateLimit: VodHandlerConfig['rateLimit'];
  /** The secrets that seal upload tickets (the first) and open them (all), and their lifetime. */
  tickets: { secrets: string[]; ttlSeconds?: number };
  bodyTimeoutMs: number;
  /** The per-request parameter hook, if any. */
  prepareUpload: PrepareUploadFn | undefined;
  onUploaded: ((event: UploadedEvent) => void | Promise<void>) | undefined;
  /** The app's media-event handler, if any: with it, uploads carry their sealed caller to the cloud. */
  onMediaEvent: OnMediaEventFn | undefined;
  onError(error: unknown, route: string | undefined): void;
  /** The cloud layers the app injected, if any (else the SDK-backed ones are built). */
  clouds: CloudLayers;
  /** The store the app gave its instances to share, if any (else each handler keeps one in memory). */
  store: SharedStore | undefined;
  /** Every configured secret, for the response scrubber. */
  secrets: string[];
}

/** Every option `createVodHandler` takes (see `VodHandlerConfig`). */
const HANDLER_OPTIONS: ReadonlySet<string> = new Set([
  'authorize',
  'allowAnyone',
  'basePath',
  'tencent',
  'aliyun',
  's3',
  'policy',
  'cors',
  'rateLimit',
  'bodyTimeoutMs',
  'tickets',
  'onUploaded',
  'onMediaEvent',
  'prepareUpload',
  'onError',
  'clouds',
  'store',
] satisfies (keyof VodHandlerConfig)[]);

const policySchema = z.strictObject({
  allowedExtensions: z.array(text).optional(),
  allowedImageExtensions: z.array(text).optional(),
  maxFileSize: z.number().int().positive().optional(),
  allowClientFields: z
    .array(z.enum(['procedure', 'classId', 'sourceContext', 'sessionContext', 'templateGroupId', 'cateId']))
    .optional(),
  urlImport: z
    .strictObject({
      allowHosts: z
        .array(
          z.string().regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i, 'must be "host" or "host:port"'),
        )
        .optional(),
      resolveHost: z.custom<unknown>((value) => typeof value === 'function', 'must be a function').optional(),
    })
    .optional(),
});
const ticketsSchema = z.strictObject({
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
  z.strictObject({
    limit: z.number().int().positive().optional(),
    windowMs: z.number().int().positive().optional(),
    routes: z.record(z.string(), z.number().int().positive()).optional(),
    // Any object with `increment` (a class instance, `MemoryRateLimitStore`, a SharedStore): only
    // option bags are strict, a store's own fields are not options.
    store: z
      .custom<RateLimitStore>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          typeof (value as Record<string, unknown>).increment === 'function',
        'must be a RateLimitStore (an object with increment)',
      )
      .optional(),
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
const corsSchema = z.strictObject({
  origins: z.union([z.literal('*'), z.array(z.url())]),
  allowHeaders: z.array(text).optional(),
  maxAgeSeconds: z.number().int().nonnegative().optional(),
});

/**
 * Checks the configuration and builds what the handler needs. Throws `config_invalid` naming the
 * option at fault, so a wrong setup fails at start-up rather than on the first upload.
 */
export function resolveConfig(config: VodHandlerConfig): ResolvedConfig {
  // From plain JavaScript a misspelled option (`basepath`, `maxFilesize`) would silently be the default.
  const unknown = Object.keys(config).find((key) => !HANDLER_OPTIONS.has(key));
  if (unknown !== undefined) {
    throw vodError('config_invalid', `${unknown}: not an option of createVodHandler (misspelled?)`, {
      field: unknown,
    });
  }
  const authorize = resolveAuthorize(config);
  check(tencentConfigSchema, config.tencent, 'tencent');
  check(aliyunConfigSchema, config.aliyun, 'aliyun');
  check(s3ConfigSchema, config.s3, 's3');
  check(policySchema, config.policy, 'policy');
  check(corsSchema, config.cors, 'cors');
  check(ticketsSchema, config.tickets, 'tickets');
  check(rateLimitSchema, config.rateLimit, 'rateLimit');
  check(z.number().int().positive(), config.bodyTimeoutMs, 'bodyTimeoutMs');
  check(z.function(), config.prepareUpload, 'prepareUpload');
  check(z.function(), config.onMediaEvent, 'onMediaEvent');
  check(sharedStoreSchema, config.store, 'store');
  const basePath = (config.basePath ?? '/api/vod').replace(/\/+$/, '');
  if (basePath && !basePath.startsWith('/')) {
    throw vodError('config_invalid', 'basePath: must start with "/"', { field: 'basePath' });
  }
  if (!config.tencent && !config.aliyun && !config.s3) {
    throw vodError('config_invalid', 'configure at least one of tencent, aliyun and s3');
  }
  const onError =
    config.onError ??
    ((error: unknown, route: string | undefined) => console.error(`[vod-uploader] ${route ?? '-'}:`, error));
  const secrets = [...(config.tickets?.secrets ?? [])];
  if (config.tencent) secrets.push(config.tencent.secretKey);
  if (config.aliyun) secrets.push(config.aliyun.accessKeySecret);
  let s3: ResolvedS3Config | undefined;
  if (config.s3) {
    const keySigningSecret =
      config.s3.keySigningSecret ??
      createHmac('sha256', config.s3.secretAccessKey).update('vod-uploader/s3-key-secret/v1').digest('hex');
    s3 = { ...config.s3, presignExpiresSeconds: config.s3.presignExpiresSeconds ?? 900, keySigningSecret };
    secrets.push(config.s3.secretAccessKey, keySigningSecret);
  }
  return {
    basePath,
    authorize,
    policy: config.policy ?? {},
    ...(config.tencent ? { tencent: config.tencent } : {}),
    ...(config.aliyun ? { aliyun: config.aliyun } : {}),
    ...(s3 ? { s3 } : {}),
    rateLimit: config.rateLimit,
    tickets: {
      secrets: config.tickets?.secrets ?? [derivedTicketSecret(config)],
      ...(config.tickets?.ttlSeconds ? { ttlSeconds: config.tickets.ttlSeconds } : {}),
    },
    bodyTimeoutMs: config.bodyTimeoutMs ?? 10_000,
    prepareUpload: config.prepareUpload,
    onUploaded: config.onUploaded,
    onMediaEvent: config.onMediaEvent,
    onError,
    clouds: config.clouds ?? {},
    store: config.store,
    secrets,
  };
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
  if (issue?.code === 'unrecognized_keys') {
    const field = [name, ...issue.path, issue.keys[0]].join('.');
    throw vodError('config_invalid', `${field}: not an option (misspelled?)`, { field });
  }
  const field = [name, ...(issue?.path ?? [])].join('.');
  throw vodError('config_invalid', `${field}: ${issue?.message ?? 'invalid'}`, { field });
}
