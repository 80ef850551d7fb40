import { CallerTags } from '../ownership/caller-tags.js';
import {
  COMMIT_WINDOW_MS,
  IMPORT_WINDOW_MS,
  OnceAcrossInstances,
  type SharedOnce,
} from '../store/once-across-instances.js';

/** A VOD cloud layer: one `call` per API action, answering the action's raw result. */
interface VodCloud {
  call(...args: never[]): Promise<unknown>;
}

/** What a VOD cloud layer's `call` answers (`TencentResult`, `AliyunResult`). */
type ResultOf<Cloud extends VodCloud> = Awaited<ReturnType<Cloud['call']>>;

/**
 * What a VOD cloud's routes (Tencent, Alibaba) work with, built once per handler: the checked
 * config, the cloud layer and its memories (on the handler's shared store). A route receives it as
 * an argument, so it never has to assert that its cloud is configured (the handler routes to it
 * only when it is).
 */
export interface VodProvider<Config, Cloud extends VodCloud> {
  config: Config;
  cloud: Cloud;
  /**
   * A double submit of a URL import (same caller, URL, name, attempt) within ten minutes, to any
   * instance sharing the store, shares the first call's answer (the same Tencent TaskId or Alibaba
   * JobId). After that Tencent's own `SessionId` dedup (3 days) refuses it; Alibaba's
   * UploadMediaByURL has no dedup field of its own.
   */
  urlImports: OnceAcrossInstances<ResultOf<Cloud>>;
  /**
   * One commit per upload session (Tencent `VodSessionKey`, the ticket binds it to its caller), to
   * any instance sharing the store: a repeat within a day — the browser's retry of a commit whose
   * answer was lost on the way back — gets the first commit's result, where the cloud would refuse
   * an already committed session and the user would see an error for a media that exists.
   */
  commits: OnceAcrossInstances<Record<string, unknown>>;
  /** Ties URL imports to their caller (Tencent `SessionId`, Alibaba `UserData.Extend`). */
  tags: CallerTags;
}

/** What sets one VOD cloud's side apart from the other's. */
export interface VodProviderSpec<Config, Cloud extends VodCloud> {
  provider: 'tencent' | 'aliyun';
  /** The SDK-backed cloud layer, built unless the handler's config injects one. */
  createCloud(config: Config): Cloud;
  /** The account secret the caller tags are keyed with, so every instance derives the same tags. */
  tagSecret(config: Config): string;
}

/**
 * Builds a VOD cloud's side of a handler; `shared` is the handler's store (for the URL-import
 * de-dup), `cloud` replaces the SDK layer (tests, benchmarks).
 */
export function createVodProvider<Config, Cloud extends VodCloud>(
  spec: VodProviderSpec<Config, Cloud>,
  config: Config,
  shared: SharedOnce,
  cloud?: Cloud,
): VodProvider<Config, Cloud> {
  return {
    config,
    cloud: cloud ?? spec.createCloud(config),
    urlImports: new OnceAcrossInstances(shared.store, `import:${spec.provider}`, {
      ttlMs: IMPORT_WINDOW_MS,
      onError: shared.onError,
    }),
    commits: new OnceAcrossInstances(shared.store, `commit:${spec.provider}`, {
      ttlMs: COMMIT_WINDOW_MS,
      onError: shared.onError,
    }),
    tags: new CallerTags(spec.tagSecret(config)),
  };
}
