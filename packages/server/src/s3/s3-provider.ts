import type { ResolvedS3Config } from '../config/resolve-config.js';
import { createS3Cloud, type S3Cloud } from './s3-cloud.js';
import { S3ObjectKeys } from './s3-object-keys.js';

/**
 * What the S3 routes work with, built once per handler: the config with its defaults, the cloud
 * layer and the key generator. A route receives it as an argument, so it never has to assert that
 * S3 is configured (the handler routes to it only when it is).
 */
export interface S3Provider {
  config: ResolvedS3Config;
  cloud: S3Cloud;
  /** Generates the callers' object keys and recognises them (an HMAC over caller and key). */
  keys: S3ObjectKeys;
}

/** Builds the S3 side of a handler; `cloud` replaces the SDK layer (tests, benchmarks). */
export function createS3Provider(config: ResolvedS3Config, cloud?: S3Cloud): S3Provider {
  return {
    config,
    cloud: cloud ?? createS3Cloud(config),
    keys: new S3ObjectKeys(config.keySigningSecret, config.keyPrefix ?? ''),
  };
}
