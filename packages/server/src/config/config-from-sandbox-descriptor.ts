import type { ProviderConfigs } from './config-from-env.js';

/**
 * The parts of the local sandbox's connection descriptor this package reads (structurally, so the
 * server never imports the sandbox).
 */
export interface SandboxDescriptorLike {
  tencent: {
    secretId: string;
    secretKey: string;
    region: string;
    vodEndpoint: string;
    vodV2Url: string;
    /** The APPID of the sandbox's VOD bucket (legacy v2 answers the bucket without it). */
    appId: string;
    /** The sandbox's COS host template, `127.0.0.1:<port>/{Bucket}`. */
    cosDomain: string;
  };
  aliyun: { accessKeyId: string; accessKeySecret: string; regionId: string; vodEndpoint: string };
  s3: { accessKeyId: string; secretAccessKey: string; region: string; endpoint: string; bucket: string };
}

/**
 * Provider configs pointing every cloud at the sandbox (plain HTTP on 127.0.0.1), COS included: the
 * browser learns the sandbox's COS host from the apply-upload answer, so pages need no extra option.
 * @example
 * const sandbox = await startSandbox();
 * const handler = createVodHandler({ allowAnyone: true, ...configFromSandboxDescriptor(sandbox.descriptor) });
 */
export function configFromSandboxDescriptor(
  descriptor: SandboxDescriptorLike,
  options: { legacyV2?: boolean } = {},
): Required<ProviderConfigs> {
  const { tencent, aliyun, s3 } = descriptor;
  return {
    tencent: {
      secretId: tencent.secretId,
      secretKey: tencent.secretKey,
      region: tencent.region,
      endpoint: tencent.vodEndpoint,
      protocol: 'http://',
      cosDomain: tencent.cosDomain,
      cosProtocol: 'http:',
      ...(options.legacyV2 ? { legacyV2: { url: tencent.vodV2Url, appId: tencent.appId } } : {}),
    },
    aliyun: {
      accessKeyId: aliyun.accessKeyId,
      accessKeySecret: aliyun.accessKeySecret,
      regionId: aliyun.regionId,
      endpoint: aliyun.vodEndpoint,
    },
    s3: {
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      region: s3.region,
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      forcePathStyle: true,
    },
  };
}
