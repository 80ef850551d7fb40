import { type AliyunProvider, createAliyunProvider } from '../aliyun/aliyun-provider.js';
import { OncePerMedia } from '../dedup/once-per-media.js';
import { CallerSeal } from '../media-events/caller-seal.js';
import { UploadTickets } from '../ownership/upload-tickets.js';
import { ResolvedPolicy } from '../policy/upload-policy.js';
import { resolveRateLimit } from '../rate-limit/resolve-rate-limit.js';
import { createS3Provider, type S3Provider } from '../s3/s3-provider.js';
import { createTencentProvider, type TencentProvider } from '../tencent/tencent-provider.js';
import type { ResolvedConfig } from './resolve-config.js';
import type { RateLimitFn, UploadedEvent } from './vod-handler-config.js';

/** Each configured provider's side (config, cloud layer, memories), by provider key. */
export interface Providers {
  tencent?: TencentProvider;
  aliyun?: AliyunProvider;
  s3?: S3Provider;
}

/**
 * What a handler builds from its resolved config, once: the policy checks, the limiter, the ticket
 * sealer, the once-per-media memory of `onUploaded`, and each configured provider. Kept apart from
 * `ResolvedConfig` so that the config stays plain values and the stateful parts are in one place.
 */
export interface HandlerServices {
  policy: ResolvedPolicy;
  rateLimit: RateLimitFn | undefined;
  /** Seals and opens the tickets that bind upload sessions to their callers. */
  tickets: UploadTickets;
  /** Seals the caller id an upload carries to the cloud, and opens it from events. */
  callerSeal: CallerSeal;
  /**
   * With `onMediaEvent`: the caller's id sealed for the cloud (Tencent contexts, Alibaba
   * `UserData.Extend`), so the media's events name their caller; undefined without (nothing is bound).
   */
  sealCaller(callerId: string): string | undefined;
  /** Fires `onUploaded` once per media id (no-op without a hook). */
  uploaded(event: UploadedEvent): Promise<void>;
  providers: Providers;
}

/** Builds the services of a handler from its resolved config. */
export function createHandlerServices(config: ResolvedConfig): HandlerServices {
  const once = new OncePerMedia();
  const hook = config.onUploaded;
  const { clouds } = config;
  const callerSeal = new CallerSeal(config.tickets.secrets);
  return {
    policy: new ResolvedPolicy(config.policy),
    rateLimit: resolveRateLimit(config.rateLimit),
    tickets: new UploadTickets(config.tickets),
    callerSeal,
    sealCaller: (callerId) => (config.onMediaEvent ? callerSeal.seal(callerId) : undefined),
    uploaded: (event) =>
      hook ? once.run(`${event.provider}:${event.mediaId}`, () => hook(event)) : Promise.resolve(),
    providers: {
      ...(config.tencent ? { tencent: createTencentProvider(config.tencent, clouds.tencent) } : {}),
      ...(config.aliyun ? { aliyun: createAliyunProvider(config.aliyun, clouds.aliyun) } : {}),
      ...(config.s3 ? { s3: createS3Provider(config.s3, clouds.s3) } : {}),
    },
  };
}
