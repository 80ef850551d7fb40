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
