import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { type Sandbox, type SandboxDescriptor, startSandbox } from '@vod-uploader/sandbox';
import COS from 'cos-nodejs-sdk-v5';
import tencentcloud from 'tencentcloud-sdk-nodejs-vod';
import { cosCredentialsOf, type TempCertificate } from '../../../../tests/support/cos-credentials-of.js';
import { useFixture } from '../support/use-fixture.js';

const VodClient = tencentcloud.vod.v20180717.Client;
export type VodClient = InstanceType<typeof VodClient>;

export type { TempCertificate };

/** A sandbox plus the official SDKs configured the documented way (endpoint options only). */
export interface TencentFixture {
  sandbox: Sandbox;
  vod: VodClient;
  /** A VOD client with other keys. */
  vodWith(secretId: string, secretKey: string): VodClient;
  /** cos-nodejs-sdk-v5 with a TempCertificate handed over by `getAuthorization`. */
  cosWith(certificate: TempCertificate, options?: Partial<COS.COSOptions>): COS;
  /** cos-nodejs-sdk-v5 with permanent keys (legacy v2 sessions). */
  cosWithKeys(secretId: string, secretKey: string): COS;
  bucket: string;
  region: string;
  /** `{ size, sha256 }` of a stored object through the admin route. */
  stored(key: string): Promise<{ size: number; sha256: string } | undefined>;
}

/**
 * cos-nodejs-sdk-v5 on the sandbox's COS host signing with permanent keys (the account's unless
 * others are given): for tests that start their own sandbox and need COS without a VOD session.
 */
export function cosWithKeysOf(
  descriptor: SandboxDescriptor,
  SecretId = descriptor.tencent.secretId,
  SecretKey = descriptor.tencent.secretKey,
): COS {
  return new COS({ Domain: descriptor.tencent.cosDomain, Protocol: 'http:', SecretId, SecretKey });
}

export async function startTencentFixture(
  options: Parameters<typeof startSandbox>[0] = {},
): Promise<TencentFixture> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const { tencent } = sandbox.descriptor;
  const vodWith = (secretId: string, secretKey: string) =>
    new VodClient({
      credential: { secretId, secretKey },
      region: tencent.region,
      profile: { httpProfile: { endpoint: tencent.vodEndpoint, protocol: 'http://', reqTimeout: 20 } },
    });
  return {
    sandbox,
    vod: vodWith(tencent.secretId, tencent.secretKey),
    vodWith,
    cosWith: (certificate, options = {}) =>
      new COS({
        Domain: tencent.cosDomain,
        Protocol: 'http:',
        ...options,
        getAuthorization(_options, callback) {
          callback(cosCredentialsOf(certificate));
        },
      }),
    cosWithKeys: (SecretId, SecretKey) => cosWithKeysOf(sandbox.descriptor, SecretId, SecretKey),
    bucket: tencent.bucket,
    region: tencent.region,
    async stored(key) {
      const url = `${sandbox.descriptor.adminUrl}/objects?bucket=${tencent.bucket}&key=${encodeURIComponent(key)}`;
      const response = await fetch(url);
      return response.ok ? ((await response.json()) as { size: number; sha256: string }) : undefined;
    },
  };
}

/**
 * Starts a Tencent fixture before the file's tests and closes it after them, running `afterEachTest`
 * (a fault or clock reset) after each: the object returned is filled in once the sandbox is up.
 */
export function useTencentFixture(afterEachTest?: (t: TencentFixture) => void): TencentFixture {
  return useFixture(
    () => startTencentFixture(),
    (t) => t.sandbox.close(),
    afterEachTest,
  );
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Deterministic pseudo-random bytes (xorshift): multi-MiB bodies without fixture files. */
export function bytes(size: number, seed = 7): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i + 4 <= size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, i);
  }
  return out;
}

/** The error code a refused SDK call carries (VOD SDK: `code`; COS SDK: `code` or `error.Code`). */
export async function refusal(promise: Promise<unknown>): Promise<{ code?: string; statusCode?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; statusCode?: number; error?: { Code?: string } };
    return { code: e.code ?? e.error?.Code, statusCode: e.statusCode };
  }
  throw new Error('expected the call to be refused');
}

// The SDK's own TC3 signer, for requests the SDK will not build (malformed bodies).
const require = createRequire(import.meta.url);
const Sign = (
  require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js') as {
    default: { sign3(input: Record<string, unknown>): string };
  }
).default;

/** POSTs a raw body to API 3.0, signed by the SDK's signer with the account key. */
export async function rawVodCall(
  sandbox: Sandbox,
  action: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ Error?: { Code: string; Message: string }; RequestId: string } & Record<string, unknown>> {
  const { tencent, url } = sandbox.descriptor;
  const timestamp = Math.floor(Date.now() / 1000);
  const contentType = headers['Content-Type'] ?? 'application/json';
  const authorization = Sign.sign3({
    method: 'POST',
    url: `${url}/`,
    payload: Buffer.from(body),
    timestamp,
    service: 'vod',
    secretId: tencent.secretId,
    secretKey: tencent.secretKey,
    headers: { 'Content-Type': contentType },
  });
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      Authorization: authorization,
      'Content-Type': contentType,
      'X-TC-Action': action,
      'X-TC-Version': '2018-07-17',
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': tencent.region,
      ...headers,
    },
    body,
  });
  return ((await response.json()) as { Response: never }).Response;
}
