import type { AliyunConfig } from '../aliyun/aliyun-config.js';
import type { S3Config } from '../s3/s3-config.js';
import { createRedisSharedStore, type RedisSharedStore } from '../store/redis-shared-store.js';
import type { TencentConfig } from '../tencent/tencent-config.js';

/** Provider configs read from the environment; a provider is present only when its keys are. */
export interface ProviderConfigs {
  tencent?: TencentConfig;
  aliyun?: AliyunConfig;
  s3?: S3Config;
}

/**
 * Reads the clouds' usual environment variables: `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`,
 * `TENCENTCLOUD_REGION`; `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`,
 * `ALIBABA_CLOUD_REGION_ID`; `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `S3_BUCKET`,
 * `S3_ENDPOINT` (+ `S3_FORCE_PATH_STYLE=true`); and `REDIS_URL`, the store several instances share.
 * Spread the result into the handler config and add the policy settings (procedure, template
 * group…) there.
 * @example
 * createVodHandler({ authorize, ...configFromEnv(process.env) });
 */
export function configFromEnv(env: Record<string, string | undefined>): ProviderConfigs & {
  /**
   * A Redis `SharedStore` when `REDIS_URL` is set (connected on first use), for several
   * instances; `close()` it on shutdown.
   */
  store?: RedisSharedStore;
} {
  const configs: ProviderConfigs & { store?: RedisSharedStore } = {};
  const get = (name: string) => env[name]?.trim() || undefined;

  const secretId = get('TENCENTCLOUD_SECRET_ID');
  const secretKey = get('TENCENTCLOUD_SECRET_KEY');
  if (secretId && secretKey) {
    configs.tencent = { secretId, secretKey, region: get('TENCENTCLOUD_REGION') ?? 'ap-guangzhou' };
  }

  const accessKeyId = get('ALIBABA_CLOUD_ACCESS_KEY_ID');
  const accessKeySecret = get('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  if (accessKeyId && accessKeySecret) {
    configs.aliyun = {
      accessKeyId,
      accessKeySecret,
      regionId: get('ALIBABA_CLOUD_REGION_ID') ?? 'cn-shanghai',
    };
  }

  const awsKeyId = get('AWS_ACCESS_KEY_ID');
  const awsSecret = get('AWS_SECRET_ACCESS_KEY');
  const bucket = get('S3_BUCKET');
  if (awsKeyId && awsSecret && bucket) {
    const endpoint = get('S3_ENDPOINT');
    configs.s3 = {
      accessKeyId: awsKeyId,
      secretAccessKey: awsSecret,
      region: get('AWS_REGION') ?? 'us-east-1',
      bucket,
      ...(endpoint ? { endpoint } : {}),
      ...(get('S3_FORCE_PATH_STYLE') === 'true' ? { forcePathStyle: true } : {}),
    };
  }
  const redisUrl = get('REDIS_URL');
  if (redisUrl) configs.store = createRedisSharedStore({ url: redisUrl });
  return configs;
}
