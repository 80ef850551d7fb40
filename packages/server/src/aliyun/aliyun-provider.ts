import { SharedCalls } from '../dedup/shared-calls.js';
import { CallerTags } from '../ownership/caller-tags.js';
import { type AliyunCloud, type AliyunResult, createAliyunCloud } from './aliyun-cloud.js';
import type { AliyunConfig } from './aliyun-config.js';

/**
 * What the Alibaba routes work with, built once per handler: the checked config, the cloud layer
 * and the per-process memories. A route receives it as an argument, so it never has to assert that
 * Alibaba is configured (the handler routes to it only when it is).
 */
export interface AliyunProvider {
  config: AliyunConfig;
  cloud: AliyunCloud;
  /**
   * UploadMediaByURL has no dedup field, so a double submit (same caller, URL, name) within ten
   * minutes shares the first call's answer. Per process; Tencent dedups in the cloud instead.
   */
  urlImports: SharedCalls<AliyunResult>;
  /** Ties URL-import jobs to their caller (a key of `UserData`). */
  tags: CallerTags;
}

/** Builds the Alibaba side of a handler; `cloud` replaces the SDK layer (tests, benchmarks). */
export function createAliyunProvider(config: AliyunConfig, cloud?: AliyunCloud): AliyunProvider {
  return {
    config,
    cloud: cloud ?? createAliyunCloud(config),
    urlImports: new SharedCalls(10 * 60 * 1000),
    tags: new CallerTags(config.accessKeySecret),
  };
}
