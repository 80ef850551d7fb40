import { vodError } from '@vod-uploader/core';
import { storeOfConfig } from '../config/config-store.js';
import { createHandlerServices, type HandlerServices, type Providers } from '../config/handler-services.js';
import { type ResolvedConfig, resolveConfig } from '../config/resolve-config.js';
import type { VodHandlerConfig } from '../config/vod-handler-config.js';
import type { SharedStore } from '../store/shared-store.js';
import { deliverOnce } from './deliver-once.js';
import type { MediaEventDraft, MediaEventSource, OnMediaEventFn } from './media-event.js';
import { rememberedOwner } from './media-owners.js';

/** What every event source takes: the handler's config, where delivered ids are kept, the app's handler. */
export interface MediaEventSourceOptions {
  /** The same config as `createVodHandler`'s (keys, ticket secrets, `onMediaEvent`). */
  config: VodHandlerConfig;
  /**
   * Where delivered event ids (and Alibaba callback replays) are remembered, shared by every
   * instance. Default: `config.store` (the handler's, e.g. Redis from `configFromEnv` with
   * `REDIS_URL`), else one in-memory store per `config` object, shared by the handler and the
   * sources made from it. An Alibaba receiver must see the handler's store: its callers are the
   * owners the handler recorded there.
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

/** Resolves a source's options; throws `config_invalid` without a handler. */
export function mediaEventRuntime(options: MediaEventSourceOptions): MediaEventRuntime {
  const resolved = resolveConfig(options.config);
  const handler = options.onMediaEvent ?? options.config.onMediaEvent;
  if (typeof handler !== 'function') {
    throw vodError('config_invalid', 'onMediaEvent: required (in the options or the handler config)', {
      field: 'onMediaEvent',
    });
  }
  const shared = options.store ?? storeOfConfig(options.config);
  const services = createHandlerServices(resolved, shared);
  return {
    resolved,
    services,
    store: shared,
    async deliver(draft, source) {
      const callerId = draft.callerId ?? (await rememberedOwner(shared, draft.provider, draft.mediaId));
      return deliverOnce(
        shared,
        { ...draft, callerId, source } as Parameters<typeof deliverOnce>[1],
        handler,
        (error) => resolved.onError(error, undefined),
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
