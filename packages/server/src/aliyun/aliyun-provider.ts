import { CallerTags } from '../ownership/caller-tags.js';
import { IMPORT_WINDOW_MS, OnceAcrossInstances, type SharedOnce } from '../store/once-across-instances.js';
import { type AliyunCloud, type AliyunResult, createAliyunCloud } from './aliyun-cloud.js';
import type { AliyunConfig } from './aliyun-config.js';

/**
 * What the Alibaba routes work with, built once per handler: the checked config, the cloud layer
 * and its memories (on the handler's shared store). A route receives it as an argument, so it
 * never has to assert that Alibaba is configured (the handler routes to it only when it is).
 */
export interface AliyunProvider {
  config: AliyunConfig;
  cloud: AliyunCloud;
  /**
   * UploadMediaByURL has no dedup field, so a double submit (same caller, URL, name) within ten
   * minutes, to any instance sharing the store, shares the first call's answer (same JobId).
   */
  urlImports: OnceAcrossInstances<AliyunResult>;
  /** Ties URL-import jobs to their caller (a key of `UserData`). */
  tags: CallerTags;
}

/**
 * Builds the Alibaba side of a handler; `shared` is the handler's store (for the URL-import
 * de-dup), `cloud` replaces the SDK layer (tests, benchmarks).
 */
export function createAliyunProvider(
  config: AliyunConfig,
  shared: SharedOnce,
  cloud?: AliyunCloud,
): AliyunProvider {
  return {
    config,
    cloud: cloud ?? createAliyunCloud(config),
    urlImports: new OnceAcrossInstances(shared.store, 'import:aliyun', {
      ttlMs: IMPORT_WINDOW_MS,
      onError: shared.onError,
    }),
    tags: new CallerTags(config.accessKeySecret),
  };
}
