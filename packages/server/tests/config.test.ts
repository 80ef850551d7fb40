import { isVodUploadError } from '@vod-uploader/core';
import {
  configFromEnv,
  configFromSandboxDescriptor,
  createVodHandler,
  MemoryRateLimitStore,
  SERVER_ROUTES,
  type VodHandlerConfig,
} from '@vod-uploader/server';
import { describe, expect, it } from 'vitest';

const tencent = { secretId: 'AKIDx', secretKey: 'very-secret-tencent-key', region: 'ap-guangzhou' };

function configError(config: unknown) {
  try {
    createVodHandler(config as VodHandlerConfig);
  } catch (error) {
    expect(isVodUploadError(error)).toBe(true);
    return error as { code: string; field?: string; message: string };
  }
  throw new Error('createVodHandler accepted the config');
}

describe('createVodHandler config checks', () => {
  it('requires authorize, or allowAnyone spelled out, but not both', () => {
    expect(configError({ tencent })).toMatchObject({ code: 'config_invalid', field: 'authorize' });
    expect(configError({ tencent, allowAnyone: 'yes' })).toMatchObject({ code: 'config_invalid' });
    expect(configError({ tencent, allowAnyone: true, authorize: () => ({ id: 'a' }) })).toMatchObject({
      code: 'config_invalid',
    });
    expect(() => createVodHandler({ tencent, allowAnyone: true })).not.toThrow();
    expect(() => createVodHandler({ tencent, authorize: () => ({ id: 'a' }) })).not.toThrow();
  });

  it('names the option at fault, never its value', () => {
    const cases: Array<[unknown, string]> = [
      [{ allowAnyone: true }, ''],
      [{ allowAnyone: true, tencent: { ...tencent, secretKey: '' } }, 'tencent.secretKey'],
      [{ allowAnyone: true, tencent: { ...tencent, protocol: 'ftp://' } }, 'tencent.protocol'],
      [
        { allowAnyone: true, tencent: { ...tencent, cosDomain: 'https://media.example.com' } },
        'tencent.cosDomain',
      ],
      [{ allowAnyone: true, tencent: { ...tencent, cosProtocol: 'https://' } }, 'tencent.cosProtocol'],
      [
        {
          allowAnyone: true,
          aliyun: { accessKeyId: 'a', accessKeySecret: 'b', regionId: 'c', endpoint: 'x' },
        },
        'aliyun.endpoint',
      ],
      [
        {
          allowAnyone: true,
          s3: { accessKeyId: 'a', secretAccessKey: 'b', region: 'r', bucket: 'b', keyPrefix: '../' },
        },
        's3.keyPrefix',
      ],
      [
        { allowAnyone: true, tencent, policy: { allowClientFields: ['subAppId'] } },
        'policy.allowClientFields.0',
      ],
      [{ allowAnyone: true, tencent, cors: { origins: ['not a url'] } }, 'cors.origins.0'],
      [{ allowAnyone: true, tencent, basePath: 'api' }, 'basePath'],
      [{ allowAnyone: true, tencent, tickets: { secrets: ['short'] } }, 'tickets.secrets.0'],
      [{ allowAnyone: true, tencent, tickets: { secrets: [] } }, 'tickets.secrets'],
      [{ allowAnyone: true, tencent, rateLimit: { limit: 0 } }, 'rateLimit.limit'],
      [{ allowAnyone: true, tencent, bodyTimeoutMs: -1 }, 'bodyTimeoutMs'],
    ];
    for (const [config, field] of cases) {
      const error = configError(config);
      expect(error.code).toBe('config_invalid');
      if (field) expect(error.field, JSON.stringify(config)).toBe(field);
      expect(error.message).not.toContain('very-secret-tencent-key');
    }
  });

  it('refuses a misspelled option, at the top or inside one, naming it instead of ignoring it', () => {
    const s3 = { accessKeyId: 'AK', secretAccessKey: 'very-secret-s3-key', region: 'us-east-1', bucket: 'b' };
    const cases: Array<[unknown, string]> = [
      [{ allowAnyone: true, s3, basepath: '/x' }, 'basepath'],
      [{ allowAnyone: true, s3, bogus: 1 }, 'bogus'],
      [{ allowAnyone: true, s3, policy: { maxFilesize: 1 } }, 'policy.maxFilesize'],
      [
        { allowAnyone: true, s3, policy: { urlImport: { allowHost: ['a.example'] } } },
        'policy.urlImport.allowHost',
      ],
      [{ allowAnyone: true, s3: { ...s3, bucketName: 'x' } }, 's3.bucketName'],
      [{ allowAnyone: true, tencent: { ...tencent, secretkey: 'x' } }, 'tencent.secretkey'],
      [{ allowAnyone: true, s3, tickets: { secrets: ['0123456789abcdef'], ttl: 60 } }, 'tickets.ttl'],
    ];
    for (const [config, field] of cases) {
      const error = configError(config);
      expect(error, field).toMatchObject({ code: 'config_invalid', field });
      expect(error.message).toContain('misspelled');
    }
  });

  it('takes any rate-limit store with increment, a class instance included; refuses one without', async () => {
    class CountingStore {
      readonly counts = new Map<string, number>();
      async increment(key: string) {
        const count = (this.counts.get(key) ?? 0) + 1;
        this.counts.set(key, count);
        return count;
      }
    }
    for (const store of [new MemoryRateLimitStore(), new CountingStore()]) {
      expect(() => createVodHandler({ allowAnyone: true, tencent, rateLimit: { store } })).not.toThrow();
    }
    expect(configError({ allowAnyone: true, tencent, rateLimit: { store: { add() {} } } })).toMatchObject({
      code: 'config_invalid',
      field: expect.stringMatching(/^rateLimit/),
    });
  });

  it('serves routes under a custom base path and only for configured clouds', async () => {
    const handler = createVodHandler({ tencent, allowAnyone: true, basePath: '/uploads/' });
    const call = (path: string) =>
      handler(
        new Request(`http://x.test${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      );
    expect((await call('/uploads/tencent/commit-upload')).status).toBe(400); // reached validation
    expect((await call('/api/vod/tencent/commit-upload')).status).toBe(404);
    expect((await call('/uploads/aliyun/create-upload-video')).status).toBe(404);
    expect(SERVER_ROUTES.aliyunComplete).toBe('/aliyun/complete');
  });
});

describe('config helpers', () => {
  it('reads the clouds’ usual environment variables', () => {
    expect(configFromEnv({})).toEqual({});
    expect(
      configFromEnv({
        TENCENTCLOUD_SECRET_ID: 'id',
        TENCENTCLOUD_SECRET_KEY: 'key',
        TENCENTCLOUD_REGION: 'ap-shanghai',
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'ak',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'sk',
        AWS_ACCESS_KEY_ID: 'aws',
        AWS_SECRET_ACCESS_KEY: 'awssecret',
        S3_BUCKET: 'bucket',
        S3_ENDPOINT: 'http://minio:9000',
        S3_FORCE_PATH_STYLE: 'true',
      }),
    ).toEqual({
      tencent: { secretId: 'id', secretKey: 'key', region: 'ap-shanghai' },
      aliyun: { accessKeyId: 'ak', accessKeySecret: 'sk', regionId: 'cn-shanghai' },
      s3: {
        accessKeyId: 'aws',
        secretAccessKey: 'awssecret',
        region: 'us-east-1',
        bucket: 'bucket',
        endpoint: 'http://minio:9000',
        forcePathStyle: true,
      },
    });
    // Half a key pair is no config at all.
    expect(
      configFromEnv({ TENCENTCLOUD_SECRET_ID: 'id', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }),
    ).toEqual({});
  });

  it('points every cloud at the sandbox descriptor', () => {
    const descriptor = {
      tencent: {
        secretId: 'i',
        secretKey: 'k',
        region: 'r',
        vodEndpoint: '127.0.0.1:9',
        vodV2Url: 'http://127.0.0.1:9/v2/index.php',
        appId: '1250000000',
        cosDomain: '127.0.0.1:9/{Bucket}',
      },
      aliyun: { accessKeyId: 'a', accessKeySecret: 's', regionId: 'cn', vodEndpoint: 'http://127.0.0.1:9' },
      s3: {
        accessKeyId: 'x',
        secretAccessKey: 'y',
        region: 'us',
        endpoint: 'http://127.0.0.1:9',
        bucket: 'b',
      },
    };
    const config = configFromSandboxDescriptor(descriptor, { legacyV2: true });
    expect(config.tencent).toMatchObject({
      endpoint: '127.0.0.1:9',
      protocol: 'http://',
      legacyV2: { url: descriptor.tencent.vodV2Url, appId: '1250000000' },
      cosDomain: '127.0.0.1:9/{Bucket}',
      cosProtocol: 'http:',
    });
    expect(config.aliyun.endpoint).toBe('http://127.0.0.1:9');
    expect(config.s3).toMatchObject({ endpoint: 'http://127.0.0.1:9', forcePathStyle: true, bucket: 'b' });
    expect(() => createVodHandler({ allowAnyone: true, ...config })).not.toThrow();
  });
});
