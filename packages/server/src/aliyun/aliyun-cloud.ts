import RPCClient from '@alicloud/pop-core';
import { CloudCallError } from '../cloud/cloud-call-error.js';
import type { AliyunConfig } from './aliyun-config.js';

/** The ApsaraVideo VOD RPC actions the endpoint calls. */
export type AliyunAction =
  | 'CreateUploadVideo'
  | 'RefreshUploadVideo'
  | 'CreateUploadImage'
  | 'UploadMediaByURL'
  | 'GetURLUploadInfos'
  | 'GetVideoInfo'
  | 'GetImageInfo'
  | 'GetMezzanineInfo'
  /** Removes a video: an imported one over `maxFileSize`, or an upload whose stored size differs from the declared one. */
  | 'DeleteVideo'
  /** Attaches an uploaded cover image to its video (`CoverURL`). */
  | 'UpdateVideoInfo';

/** A raw RPC result, including `RequestId`. */
export type AliyunResult = Record<string, unknown> & { RequestId?: string };

/**
 * Everything the endpoint needs from ApsaraVideo VOD. Failures are thrown as `CloudCallError`.
 * Production uses `createAliyunCloud` (`@alicloud/pop-core`); tests may inject a fake.
 */
export interface AliyunCloud {
  call(action: AliyunAction, params: Record<string, string | number>): Promise<AliyunResult>;
}

interface PopCoreError {
  code?: string;
  data?: { Message?: string; RequestId?: string };
  entry?: { response?: { statusCode?: number } };
  /** Set by httpx on timeouts and socket errors. */
  name?: string;
}

/** The Alibaba layer over `@alicloud/pop-core`'s RPCClient (signature v1, POST form bodies). */
export function createAliyunCloud(config: AliyunConfig): AliyunCloud {
  const client = new RPCClient({
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    endpoint: config.endpoint ?? `https://vod.${config.regionId}.aliyuncs.com`,
    apiVersion: '2017-03-21',
  });
  const timeout = (config.timeoutSeconds ?? 30) * 1000;
  return {
    async call(action, params) {
      try {
        return await client.request<AliyunResult>(
          action,
          { RegionId: config.regionId, ...params },
          // POST keeps the signed parameters out of URLs that could end up in logs.
          { method: 'POST', timeout, formatParams: false },
        );
      } catch (error) {
        throw toCloudCallError(error);
      }
    },
  };
}

function toCloudCallError(error: unknown): CloudCallError {
  const pop = (error ?? {}) as PopCoreError;
  if (pop.code && pop.data) {
    // pop-core's own message carries the request URL; the cloud's `Message` is what we keep.
    return new CloudCallError('aliyun', pop.data.Message ?? pop.code, {
      cloudCode: pop.code,
      requestId: pop.data.RequestId,
      httpStatus: pop.entry?.response?.statusCode ?? 400,
      cause: error,
    });
  }
  // No JSON `Code`: an unreachable endpoint, a timeout, or a non-JSON (proxy/5xx) answer.
  return new CloudCallError('aliyun', 'ApsaraVideo VOD call failed', { cause: error });
}
