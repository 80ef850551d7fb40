import { z } from 'zod';
import { httpUrl, text } from '../config/config-fields.js';

/** Tencent Cloud VOD (API 3.0, version 2018-07-17). */
export interface TencentConfig {
  secretId: string;
  secretKey: string;
  /** API region, e.g. `ap-guangzhou`. */
  region: string;
  /** API host, default `vod.tencentcloudapi.com`; the sandbox's `vodEndpoint` (`127.0.0.1:PORT`) in tests. */
  endpoint?: string;
  /** `https://` (default) or `http://` (sandbox only). */
  protocol?: 'https://' | 'http://';
  /**
   * Host of the COS bucket the browser uploads to, as a cos-js-sdk-v5 `Domain` template without a
   * scheme: a custom COS domain (`media.example.com`), the accelerate domain
   * (`{Bucket}.cos.accelerate.myqcloud.com`) or the sandbox's `127.0.0.1:<port>/{Bucket}`. Sent to
   * the browser with every apply-upload answer (`storageEndpoint`), because `ApplyUpload` names the
   * bucket but not the host. Default: none, and the browser uses `{Bucket}.cos.{Region}.myqcloud.com`.
   */
  cosDomain?: string;
  /** Scheme of `cosDomain`: `https:` (default) or `http:` (the sandbox). */
  cosProtocol?: 'https:' | 'http:';
  /** VOD sub-application; sent with every call. */
  subAppId?: number;
  /**
   * Serve the legacy v2 `ApplyUpload` (`vod.api.qcloud.com/v2/index.php`) instead of API 3.0, for
   * accounts still on it. A v2 session's COS requests are signed by `/tencent/v2/sign-cos` with the
   * account key, and it is committed with v2 `CommitUpload`; pull and task routes keep API 3.0.
   */
  legacyV2?: TencentLegacyV2Config;
  /** Task flow run after upload (`Procedure`). */
  procedure?: string;
  /** Category of new media (`ClassId`). */
  classId?: number;
  /** Storage region of new media (`StorageRegion`). */
  storageRegion?: string;
  /** Media expire this many seconds after their upload is applied for (`ExpireTime`). */
  expireTime?: number;
  /** Passed back in event notifications (`SourceContext`, ≤ 250 chars). */
  sourceContext?: string;
  /** Timeout of one cloud call, seconds. Default 30. */
  timeoutSeconds?: number;
}

/** The legacy v2 API of Tencent VOD (see `TencentConfig.legacyV2`). */
export interface TencentLegacyV2Config {
  /** e.g. `https://vod.api.qcloud.com/v2/index.php`. */
  url: string;
  /**
   * The APPID of the storage bucket. v2 answers `storageBucket` without it
   * (`6c0f1c00vodgzp251000333`) and the v2 documentation does not say which APPID completes it to a
   * COS v5 name (`<name>-<APPID>`): set it to the APPID your VOD buckets show in the COS console.
   * The endpoint adds it to the v2 answer as `appId` for the browser's decoder.
   */
  appId: string;
}

/** Checks a `TencentConfig` when the handler is created (`config_invalid` names the option). */
export const tencentConfigSchema = z.strictObject({
  secretId: text,
  secretKey: text,
  region: text,
  endpoint: text.optional(),
  protocol: z.enum(['https://', 'http://']).optional(),
  cosDomain: text.regex(/^[^\s:/]+(:\d+)?(\/\S*)?$/, 'must be a host template without a scheme').optional(),
  cosProtocol: z.enum(['https:', 'http:']).optional(),
  subAppId: z.number().int().positive().optional(),
  legacyV2: z
    .strictObject({
      url: httpUrl,
      appId: z.string().regex(/^\d{1,20}$/, 'must be an APPID (digits)'),
    })
    .optional(),
  procedure: text.optional(),
  classId: z.number().int().nonnegative().optional(),
  storageRegion: text.optional(),
  expireTime: z.number().int().positive().optional(),
  sourceContext: z.string().max(250).optional(),
  timeoutSeconds: z.number().positive().optional(),
});
