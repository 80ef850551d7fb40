import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import RPCClient from '@alicloud/pop-core';
import type { RequestRecord, SandboxDescriptor } from '@vod-uploader/sandbox';
import OSS from 'ali-oss';

/** The decoded `UploadAddress` of VOD. */
export interface UploadAddress {
  Endpoint: string;
  Bucket: string;
  FileName: string;
}

/** The decoded `UploadAuth` of VOD. */
export interface UploadAuth {
  AccessKeyId: string;
  AccessKeySecret: string;
  SecurityToken: string;
  Expiration: string;
  ExpireUTCTime: string;
  Region: string;
}

/** An Alibaba RPC error as `@alicloud/pop-core` throws it. */
export interface PopError extends Error {
  code: string;
  data: { Code: string; Message: string; RequestId: string; HostId: string; Recommend?: string };
}

/**
 * The official clients configured from a sandbox descriptor the documented way, plus the admin
 * routes the tests read. Works against an in-process sandbox and the CLI alike.
 */
export interface AliyunClients {
  descriptor: SandboxDescriptor;
  vod: RPCClient;
  /** A VOD client with other keys (wrong secret, unknown id, STS). */
  vodClient(overrides: Partial<RPCClient.Config>): RPCClient;
  /** A VOD client signing with an UploadAuth's STS keys (base64, as CreateUploadVideo returns it). */
  stsVodClient(uploadAuth: string): RPCClient;
  /** Calls an action with POST (a form body), as the sandbox's users do. */
  call<T = Record<string, unknown>>(
    action: string,
    params?: Record<string, unknown>,
    client?: RPCClient,
  ): Promise<T>;
  /** The refusal a call ends in, and the HTTP status the sandbox answered (from the request log). */
  refusal(
    action: string,
    params?: Record<string, unknown>,
    client?: RPCClient,
  ): Promise<PopError & { status: number }>;
  /** ali-oss for an UploadAddress/UploadAuth pair (path-style, `sldEnable`). */
  oss(
    address: UploadAddress,
    auth: UploadAuth,
    overrides?: Partial<OSS.Options> & { sldEnable?: boolean },
  ): OSS;
  /**
   * A raw OSS request signed with the account key by ali-oss's own V1 signer, for what the SDK will
   * not send (parts out of order, malformed XML).
   */
  ossFetch(method: string, key: string, subres: Record<string, string>, body?: string): Promise<Response>;
  /** `{ size, sha256 }` of a stored object, through the admin route. */
  stored(bucket: string, key: string): Promise<{ size: number; sha256: string } | undefined>;
  /** The request log after `since` (admin route). */
  log(since?: number): Promise<RequestRecord[]>;
}

const signUtils = createRequire(import.meta.url)('ali-oss/lib/common/signUtils.js') as {
  buildCanonicalString(
    method: string,
    resource: string,
    request: { headers: object; parameters?: object },
    expires?: string,
  ): string;
  authorization(accessKeyId: string, secret: string, stringToSign: string): string;
  computeSignature(secret: string, stringToSign: string): string;
  authorizationV4(
    accessKeyId: string,
    secret: string,
    region: string,
    method: string,
    request: { headers: Record<string, string>; queries: Record<string, string> },
    bucket: string,
    objectName: string,
    additionalHeaders: string[],
  ): string;
};

/** ali-oss's own V1 and V4 signers, for the few requests tests build by hand. */
export { signUtils as ossSignUtils };

export function aliyunClients(descriptor: SandboxDescriptor): AliyunClients {
  const { aliyun } = descriptor;
  const vodClient = (overrides: Partial<RPCClient.Config>) =>
    new RPCClient({
      endpoint: aliyun.vodEndpoint,
      apiVersion: '2017-03-21',
      accessKeyId: aliyun.accessKeyId,
      accessKeySecret: aliyun.accessKeySecret,
      ...overrides,
    });
  const vod = vodClient({});
  const call = <T>(action: string, params: Record<string, unknown> = {}, client = vod) =>
    client.request<T>(action, params, { method: 'POST' });
  const log = async (since = 0) => {
    const response = await fetch(`${descriptor.adminUrl}/log?since=${since}`);
    return ((await response.json()) as { records: RequestRecord[] }).records;
  };
  return {
    descriptor,
    vod,
    vodClient,
    stsVodClient(uploadAuth) {
      const auth = decodeBase64Json<UploadAuth>(uploadAuth);
      return vodClient({
        accessKeyId: auth.AccessKeyId,
        accessKeySecret: auth.AccessKeySecret,
        securityToken: auth.SecurityToken,
      });
    },
    call,
    log,
    async refusal(action, params = {}, client = vod) {
      const before = (await log()).at(-1)?.seq ?? 0;
      const error = await call(action, params, client).then(
        () => {
          throw new Error(`${action} was expected to fail`);
        },
        (e: unknown) => e as PopError,
      );
      const record = (await log(before)).find((r) => r.api === 'aliyun-vod');
      return Object.assign(error, { status: record?.status ?? 0 });
    },
    oss(address, auth, overrides = {}) {
      return new OSS({ ...ossOptionsOf(address, auth), timeout: 20_000, ...overrides } as OSS.Options);
    },
    ossFetch(method, key, subres, body) {
      const headers: Record<string, string> = {
        'x-oss-date': new Date().toUTCString(),
        'content-type': body === undefined ? '' : 'application/xml',
      };
      const stringToSign = signUtils.buildCanonicalString(method, `/${aliyun.bucket}/${key}`, {
        headers,
        parameters: subres,
      });
      const authorization = signUtils.authorization(aliyun.accessKeyId, aliyun.accessKeySecret, stringToSign);
      const query = new URLSearchParams(subres).toString();
      const url = `${aliyun.ossEndpoint}/${aliyun.bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}?${query}`;
      return fetch(url, { method, headers: { ...headers, authorization }, body: body ?? null });
    },
    async stored(bucket, key) {
      const url = `${descriptor.adminUrl}/objects?bucket=${bucket}&key=${encodeURIComponent(key)}`;
      const response = await fetch(url);
      return response.ok ? ((await response.json()) as { size: number; sha256: string }) : undefined;
    },
  };
}

/** Decodes the base64 JSON fields VOD answers with. */
/**
 * ali-oss options for a CreateUploadVideo/-Image upload target, the way the browser builds them
 * (path-style, plain HTTP): plain data, so the Node client and the Chromium spec's page share them.
 */
export function ossOptionsOf(address: UploadAddress, auth: UploadAuth) {
  return {
    endpoint: address.Endpoint,
    bucket: address.Bucket,
    region: `oss-${auth.Region}`,
    accessKeyId: auth.AccessKeyId,
    accessKeySecret: auth.AccessKeySecret,
    stsToken: auth.SecurityToken,
    sldEnable: true,
    secure: false,
  };
}

export function decodeBase64Json<T>(value: unknown): T {
  return JSON.parse(Buffer.from(String(value), 'base64').toString('utf8')) as T;
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Deterministic pseudo-random bytes, so multipart bodies need no fixture file. */
export function bytes(size: number, seed = 7): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
