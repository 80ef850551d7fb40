import { vodError } from '@vod-uploader/core';
import { createHandlerServices, type HandlerServices, type Providers } from '../config/handler-services.js';
import { type ResolvedConfig, resolveConfig } from '../config/resolve-config.js';
import type { VodHandlerConfig } from '../config/vod-handler-config.js';
import { MemorySharedStore } from '../store/memory-shared-store.js';
import type { SharedStore } from '../store/shared-store.js';
import { deliverOnce, rememberedCaller } from './deliver-once.js';
import type { MediaEventDraft, MediaEventSource, OnMediaEventFn } from './media-event.js';

/** What every event source takes: the handler's config, where delivered ids are kept, the app's handler. */
export interface MediaEventSourceOptions {
  /** The same config as `createVodHandler`'s (keys, ticket secrets, `onMediaEvent`). */
  config: VodHandlerConfig;
  /**
   * Where delivered event ids (and Alibaba callback replays) are remembered, shared by every
   * instance. Default: `config.store` (the handler's, e.g. Redis from `configFromEnv` with
   * `REDIS_URL`), else one in-memory store per `config` object, shared by the sources made from it.
   */
  store?: SharedStore;
  /** The app's handler; default `config.onMediaEvent`. */
  onMediaEvent?: OnMediaEventFn;
}

/** A source's resolved parts. */
export interface MediaEventRuntime {
  resolved: ResolvedConfig;
  /** The providers (cloud layers) and the caller seal, built from the config as the handler builds them. */
  services: HandlerServices;
  store: SharedStore;
  /** Delivers a draft once (filling in a deleted media's remembered caller); true when delivered now. */
  deliver(draft: MediaEventDraft, source: MediaEventSource): Promise<boolean>;
  /**
   * The configured side of the cloud a source reads (`source` names it: the receiver, the poller);
   * throws `config_invalid` when the config has none, when the source is made rather than at its
   * first event.
   */
  provider<K extends EventProviderKey>(provider: K, source: string): NonNullable<Providers[K]>;
}

/** The clouds that send media events. */
type EventProviderKey = 'tencent' | 'aliyun';

const CLOUD_NAMES: Record<EventProviderKey, string> = { tencent: 'Tencent', aliyun: 'Alibaba' };

const defaultStores = new WeakMap<VodHandlerConfig, SharedStore>();

/** Resolves a source's options; throws `config_invalid` without a handler. */
export function mediaEventRuntime(options: MediaEventSourceOptions): MediaEventRuntime {
  const resolved = resolveConfig(options.config);
  const handler = options.onMediaEvent ?? options.config.onMediaEvent;
  if (typeof handler !== 'function') {
    throw vodError('config_invalid', 'onMediaEvent: required (in the options or the handler config)', {
      field: 'onMediaEvent',
    });
  }
  let store = options.store ?? options.config.store ?? defaultStores.get(options.config);
  if (!store) {
    store = new MemorySharedStore();
    defaultStores.set(options.config, store);
  }
  const shared = store;
  const services = createHandlerServices(resolved);
  return {
    resolved,
    services,
    store: shared,
    async deliver(draft, source) {
      const callerId = draft.callerId ?? (await rememberedCaller(shared, draft.provider, draft.mediaId));
      return deliverOnce(
        shared,
        { ...draft, callerId, source } as Parameters<typeof deliverOnce>[1],
        handler,
      );
    },
    provider(provider, source) {
      const side = services.providers[provider];
      if (side) return side;
      throw vodError(
        'config_invalid',
        `${provider}: the ${source} needs the ${CLOUD_NAMES[provider]} config`,
        {
          field: provider,
        },
      );
    },
  };
}
