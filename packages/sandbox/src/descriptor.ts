import { randomBytes } from 'node:crypto';
import type { StateStore } from './store/state-store.js';

/**
 * How to reach the sandbox and which account keys it accepts. The CLI prints it as one JSON line and
 * serves it at `GET /_sandbox/descriptor`; packages and tests configure themselves from it.
 */
export interface SandboxDescriptor {
  /** `http://127.0.0.1:<port>`: every API is served here. */
  url: string;
  /** Admin routes: faults, request log, stored objects. */
  adminUrl: string;
  tencent: {
    secretId: string;
    secretKey: string;
    region: string;
    /** For `tencentcloud-sdk-nodejs-vod`: `profile.httpProfile = { endpoint, protocol: 'http://' }`. */
    vodEndpoint: string;
    /** Legacy v2 API URL (`/v2/index.php`). */
    vodV2Url: string;
    /** The VOD storage bucket ApplyUpload hands out (`name-APPID`). */
    bucket: string;
    appId: string;
    /**
     * The VOD sub-applications of the account (`SubAppId`); 0 or none is the main application. Any
     * other id is refused with `InvalidParameterValue.SubAppId`, as the cloud refuses an id the
     * account does not own.
     */
    subAppIds: number[];
    /** For cos-js-sdk-v5 / cos-nodejs-sdk-v5: `{ Domain: cosDomain, Protocol: 'http:' }`. */
    cosDomain: string;
  };
  aliyun: {
    accessKeyId: string;
    accessKeySecret: string;
    regionId: string;
    /** For `@alicloud/pop-core`: `endpoint`. */
    vodEndpoint: string;
    /** For ali-oss: `{ endpoint: ossEndpoint, sldEnable: true }` (path-style). */
    ossEndpoint: string;
    bucket: string;
  };
  s3: {
    accessKeyId: string;
    secretAccessKey: string;
    region: string;
    /** For @aws-sdk/client-s3: `{ endpoint, forcePathStyle: true }`. */
    endpoint: string;
    bucket: string;
  };
}

interface AccountKeys {
  tencent: { secretId: string; secretKey: string };
  aliyun: { accessKeyId: string; accessKeySecret: string };
  s3: { accessKeyId: string; secretAccessKey: string };
}

/** The sandbox account's permanent keys: made once per data directory, kept across restarts. */
export function accountKeys(state: StateStore): AccountKeys {
  const existing = state.get<AccountKeys>('account', 'keys');
  if (existing) return existing;
  const hex = (n: number) => randomBytes(n).toString('hex');
  return state.put<AccountKeys>('account', 'keys', {
    tencent: { secretId: `AKIDsandbox${hex(12)}`, secretKey: hex(16) },
    aliyun: { accessKeyId: `LTAIsandbox${hex(8)}`, accessKeySecret: hex(15) },
    s3: { accessKeyId: `AKIASANDBOX${hex(5).toUpperCase()}`, secretAccessKey: hex(20) },
  });
}

export const TENCENT_APP_ID = '1250000000';
export const TENCENT_BUCKET = `vodsandbox-${TENCENT_APP_ID}`;
export const TENCENT_REGION = 'ap-guangzhou';
/** The one sub-application the sandbox's Tencent account owns. */
export const TENCENT_SUB_APP_ID = 1500000001;
export const ALIYUN_BUCKET = 'outin-sandbox';
export const ALIYUN_REGION = 'cn-shanghai';
export const S3_BUCKET = 'vod-sandbox';
export const S3_REGION = 'us-east-1';

export function makeDescriptor(port: number, keys: AccountKeys): SandboxDescriptor {
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}`;
  return {
    url,
    adminUrl: `${url}/_sandbox`,
    tencent: {
      ...keys.tencent,
      region: TENCENT_REGION,
      vodEndpoint: host,
      vodV2Url: `${url}/v2/index.php`,
      bucket: TENCENT_BUCKET,
      appId: TENCENT_APP_ID,
      subAppIds: [TENCENT_SUB_APP_ID],
      cosDomain: `${host}/{Bucket}`,
    },
    aliyun: {
      ...keys.aliyun,
      regionId: ALIYUN_REGION,
      vodEndpoint: url,
      ossEndpoint: url,
      bucket: ALIYUN_BUCKET,
    },
    s3: { ...keys.s3, region: S3_REGION, endpoint: url, bucket: S3_BUCKET },
  };
}
