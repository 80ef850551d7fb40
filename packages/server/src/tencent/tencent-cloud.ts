import { vod } from 'tencentcloud-sdk-nodejs-vod';
import { CloudCallError } from '../cloud/cloud-call-error.js';
import type { TencentConfig } from './tencent-config.js';
import { callTencentV2 } from './tencent-legacy-v2.js';

/** The Tencent VOD API 3.0 actions the endpoint calls. */
export type TencentAction =
  | 'ApplyUpload'
  | 'CommitUpload'
  | 'PullUpload'
  | 'DescribeTaskDetail'
  | 'DescribeMediaInfos'
  /** Removes a media: a pull over `maxFileSize`, or a commit whose stored size differs from the declared one. */
  | 'DeleteMedia';

/** A raw API 3.0 result (the `Response` object without `Error`), including `RequestId`. */
export type TencentResult = Record<string, unknown> & { RequestId?: string };

/**
 * Everything the endpoint needs from Tencent VOD. Failures are thrown as `CloudCallError`.
 * Production uses `createTencentCloud` (the official SDK); tests may inject a fake.
 */
export interface TencentCloud {
  call(action: TencentAction, params: Record<string, unknown>): Promise<TencentResult>;
  /** Legacy v2 `ApplyUpload`; resolves with the v2 JSON as returned when its `code` is 0. */
  applyUploadV2(params: Record<string, string | number>): Promise<Record<string, unknown>>;
  /**
   * Legacy v2 `CommitUpload` of a v2 session; resolves with the v2 JSON when its `code` is 0.
   * Needed only with `legacyV2` (a fake without it cannot commit v2 sessions).
   */
  commitUploadV2?(vodSessionKey: string): Promise<Record<string, unknown>>;
}

interface TencentSdkError {
  message?: string;
  code?: string;
  requestId?: string;
  httpCode?: number;
}

/**
 * The Tencent layer over `tencentcloud-sdk-nodejs-vod`. `endpoint`/`protocol` point it at the
 * sandbox (`127.0.0.1:PORT`, `http://`) or the real cloud (default).
 */
export function createTencentCloud(config: TencentConfig): TencentCloud {
  const client = new vod.v20180717.Client({
    credential: { secretId: config.secretId, secretKey: config.secretKey },
    region: config.region,
    profile: {
      httpProfile: {
        endpoint: config.endpoint ?? 'vod.tencentcloudapi.com',
        protocol: config.protocol ?? 'https://',
        reqTimeout: config.timeoutSeconds ?? 30,
      },
    },
  });
  return {
    async call(action, params) {
      try {
        return (await client.request(action, params)) as TencentResult;
      } catch (error) {
        throw toCloudCallError(error);
      }
    },
    applyUploadV2(params) {
      if (!config.legacyV2) throw new Error('tencent.legacyV2 is not configured');
      return callTencentV2(config, config.legacyV2.url, 'ApplyUpload', params);
    },
    commitUploadV2(vodSessionKey) {
      if (!config.legacyV2) throw new Error('tencent.legacyV2 is not configured');
      return callTencentV2(config, config.legacyV2.url, 'CommitUpload', { vodSessionKey });
    },
  };
}

function toCloudCallError(error: unknown): CloudCallError {
  const sdk = (error ?? {}) as TencentSdkError;
  // The SDK sets `code` only for an answered API error; an HTTP error has `httpCode`; neither means
  // no answer came. Its message for network errors may include the URL, never the key.
  return new CloudCallError('tencent', sdk.code ? (sdk.message ?? sdk.code) : 'Tencent VOD call failed', {
    cloudCode: sdk.code || undefined,
    requestId: sdk.requestId || undefined,
    httpStatus: sdk.code ? 200 : sdk.httpCode,
    cause: error,
  });
}
