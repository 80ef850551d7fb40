import { ALIYUN_PROVIDER, type AliyunProvider } from '../aliyun/aliyun-provider.js';
import { createVodProvider } from '../cloud/vod-provider.js';
import type { OnceOnlyAnswer } from '../http/answer-once.js';
import { CallerSeal } from '../media-events/caller-seal.js';
import { rememberOwner } from '../media-events/media-owners.js';
import { UploadTickets } from '../ownership/upload-tickets.js';
import { ResolvedPolicy } from '../policy/upload-policy.js';
import { rateLimitRetryAfterSeconds, resolveRateLimit } from '../rate-limit/resolve-rate-limit.js';
import { createS3Provider, type S3Provider } from '../s3/s3-provider.js';
import { CREATE_WINDOW_MS, OnceAcrossInstances } from '../store/once-across-instances.js';
import type { SharedStore } from '../store/shared-store.js';
import { storeUnavailable } from '../store/store-unavailable.js';
import { TENCENT_PROVIDER, type TencentProvider } from '../tencent/tencent-provider.js';
import type { ResolvedConfig } from './resolve-config.js';
import type { RateLimitFn, UploadedEvent } from './vod-handler-config.js';

/** Each configured provider's side (config, cloud layer, memories), by provider key. */
export interface Providers {
  tencent?: TencentProvider;
  aliyun?: AliyunProvider;
  s3?: S3Provider;
}

/**
 * What a handler builds from its resolved config and store, once: the policy checks, the limiter counting in it, the ticket sealer, the once-per-media
 * `onUploaded` and URL-import de-dup on it, and each configured provider. Kept apart from
 * `ResolvedConfig` so that the config stays plain values and the stateful parts are in one place.
 */
export interface HandlerServices {
  /** What the instances share (`config.store`, default one in memory per config: `storeOfConfig`). */
  store: SharedStore;
  policy: ResolvedPolicy;
  rateLimit: RateLimitFn | undefined;
  /** The `Retry-After` of the built-in limiter's refusals (its window, s): a new window by then. */
  rateLimitRetryAfterSeconds: number | undefined;
  /** Seals and opens the tickets that bind upload sessions to their callers. */
  tickets: UploadTickets;
  /** Seals the caller id an upload carries to the cloud, and opens it from events. */
  callerSeal: CallerSeal;
  /**
   * With `onMediaEvent`: the caller's id sealed for the cloud (Tencent contexts), so the media's
   * events name their caller; undefined without (nothing is bound).
   */
  sealCaller(callerId: string): string | undefined;
  /**
   * With `onMediaEvent`: records `callerId` as the owner of a media this endpoint just had the cloud
   * create (an Alibaba VideoId or import job), so its events name that caller; a no-op without.
   * Rejects with `store_unavailable` when the store does not answer (the client retries).
   */
  rememberOwner(provider: 'aliyun', mediaId: string, callerId: string): Promise<void>;
  /** Fires `onUploaded` once per media id across the instances sharing `store` (no-op without a hook). */
  uploaded(event: UploadedEvent): Promise<void>;
  /**
   * Rejects with `store_unavailable` when `onUploaded` is set and the store does not answer: for a
   * step the cloud takes only once (Tencent's CommitUpload), checked before it, so a commit is not
   * made whose report could not be recorded (the retry would find the session already committed).
   */
  canReportUploads(): Promise<void>;
  /**
   * Rejects with `store_unavailable` when `onMediaEvent` is set and the store does not answer:
   * checked before the cloud creates a media whose owner {@link rememberOwner} must record, so a
   * retried request does not leave one orphan video per try.
   */
  canRememberOwners(): Promise<void>;
  /**
   * The answers of the routes that open a cloud session, handed to repeats of the same request
   * (`requestId`) for ten minutes. Unguarded when the store is down: a second session costs less
   * than refusing every upload.
   */
  createAnswers: OnceAcrossInstances<OnceOnlyAnswer>;
  providers: Providers;
}

/** Builds the services of a handler from its resolved config and the store its instances share. */
export function createHandlerServices(config: ResolvedConfig, store: SharedStore): HandlerServices {
  const hook = config.onUploaded;
  const { clouds } = config;
  const callerSeal = new CallerSeal(config.tickets.secrets);
  const shared = { store, onError: (error: unknown) => config.onError(error, undefined) };
  // Remembered a week: a status route read days later must not report a finished import again.
  const once = new OnceAcrossInstances<void>(store, 'uploaded', {
    ttlMs: 7 * 24 * 60 * 60 * 1000,
    onError: shared.onError,
  });
  return {
    store,
    policy: new ResolvedPolicy(config.policy),
    rateLimit: resolveRateLimit(config.rateLimit, store),
    rateLimitRetryAfterSeconds: rateLimitRetryAfterSeconds(config.rateLimit),
    tickets: new UploadTickets(config.tickets),
    callerSeal,
    sealCaller: (callerId) => (config.onMediaEvent ? callerSeal.seal(callerId) : undefined),
    rememberOwner: async (provider, mediaId, callerId) => {
      if (!config.onMediaEvent) return;
      await rememberOwner(store, provider, mediaId, callerId).catch((error: unknown) => {
        throw storeUnavailable(error);
      });
    },
    uploaded: (event) =>
      hook
        ? once.run(`${event.provider}:${event.mediaId}`, async () => {
            await hook(event);
          })
        : Promise.resolve(),
    canReportUploads: () => (hook ? probe(store) : Promise.resolve()),
    canRememberOwners: () => (config.onMediaEvent ? probe(store) : Promise.resolve()),
    createAnswers: new OnceAcrossInstances<OnceOnlyAnswer>(store, 'create', {
      ttlMs: CREATE_WINDOW_MS,
      whenStoreDown: 'run',
      onError: shared.onError,
    }),
    providers: {
      ...(config.tencent
        ? { tencent: createVodProvider(TENCENT_PROVIDER, config.tencent, shared, clouds.tencent) }
        : {}),
      ...(config.aliyun
        ? { aliyun: createVodProvider(ALIYUN_PROVIDER, config.aliyun, shared, clouds.aliyun) }
        : {}),
      ...(config.s3 ? { s3: createS3Provider(config.s3, clouds.s3) } : {}),
    },
  };
}

/** Whether the store answers now: `store_unavailable` if not. */
async function probe(store: SharedStore): Promise<void> {
  try {
    await store.get('vod-uploader:probe');
  } catch (error) {
    throw storeUnavailable(error);
  }
}
