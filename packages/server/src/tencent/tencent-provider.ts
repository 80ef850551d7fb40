import { CallerTags } from '../ownership/caller-tags.js';
import { IMPORT_WINDOW_MS, OnceAcrossInstances, type SharedOnce } from '../store/once-across-instances.js';
import { createTencentCloud, type TencentCloud, type TencentResult } from './tencent-cloud.js';
import type { TencentConfig } from './tencent-config.js';

/**
 * What the Tencent routes work with, built once per handler: the checked config, the cloud layer
 * and its memories (on the handler's shared store). A route receives it as an argument, so it
 * never has to assert that Tencent is configured (the handler routes to it only when it is).
 */
export interface TencentProvider {
  config: TencentConfig;
  cloud: TencentCloud;
  /**
   * A double submit of a pull upload within ten minutes, to any instance sharing the store,
   * shares the first answer (same TaskId); after that the cloud's own `SessionId` dedup (3 days)
   * refuses it.
   */
  pullUploads: OnceAcrossInstances<TencentResult>;
  /** Ties pull tasks to their caller (`SessionId`, and `SessionContext` of older tasks). */
  tags: CallerTags;
}

/**
 * Builds the Tencent side of a handler; `shared` is the handler's store (for the pull-upload
 * de-dup), `cloud` replaces the SDK layer (tests, benchmarks).
 */
export function createTencentProvider(
  config: TencentConfig,
  shared: SharedOnce,
  cloud?: TencentCloud,
): TencentProvider {
  return {
    config,
    cloud: cloud ?? createTencentCloud(config),
    pullUploads: new OnceAcrossInstances(shared.store, 'import:tencent', {
      ttlMs: IMPORT_WINDOW_MS,
      onError: shared.onError,
    }),
    tags: new CallerTags(config.secretKey),
  };
}
