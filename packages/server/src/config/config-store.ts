import { MemorySharedStore } from '../store/memory-shared-store.js';
import type { SharedStore } from '../store/shared-store.js';
import type { VodHandlerConfig } from './vod-handler-config.js';

const defaultStores = new WeakMap<VodHandlerConfig, SharedStore>();

/**
 * The store a config's handler and event sources share: `config.store`, else one in memory per
 * config object. Shared, so that a receiver built from the handler's config reads the owners the
 * handler recorded (an Alibaba callback's caller is only ever that record).
 */
export function storeOfConfig(config: VodHandlerConfig): SharedStore {
  if (config.store) return config.store;
  let store = defaultStores.get(config);
  if (!store) {
    store = new MemorySharedStore();
    defaultStores.set(config, store);
  }
  return store;
}
