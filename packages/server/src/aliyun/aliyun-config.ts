import { z } from 'zod';
import { httpUrl, text } from '../config/config-fields.js';

/** Alibaba Cloud ApsaraVideo VOD (RPC API, version 2017-03-21). */
export interface AliyunConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** e.g. `cn-shanghai`. */
  regionId: string;
  /** Default `https://vod.<regionId>.aliyuncs.com`; the sandbox's `vodEndpoint` in tests. */
  endpoint?: string;
  templateGroupId?: string;
  workflowId?: string;
  cateId?: number;
  appId?: string;
  storageLocation?: string;
  /** Timeout of one cloud call, seconds. Default 30. */
  timeoutSeconds?: number;
}

/** Checks an `AliyunConfig` when the handler is created (`config_invalid` names the option). */
export const aliyunConfigSchema = z.strictObject({
  accessKeyId: text,
  accessKeySecret: text,
  regionId: text,
  endpoint: httpUrl.optional(),
  templateGroupId: text.optional(),
  workflowId: text.optional(),
  cateId: z.number().int().nonnegative().optional(),
  appId: text.optional(),
  storageLocation: text.optional(),
  timeoutSeconds: z.number().positive().optional(),
});
