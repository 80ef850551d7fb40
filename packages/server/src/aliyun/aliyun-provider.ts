import type { VodProvider, VodProviderSpec } from '../cloud/vod-provider.js';
import { type AliyunCloud, createAliyunCloud } from './aliyun-cloud.js';
import type { AliyunConfig } from './aliyun-config.js';

/** What the Alibaba routes work with: its config, its cloud layer and its memories (`VodProvider`). */
export type AliyunProvider = VodProvider<AliyunConfig, AliyunCloud>;

/** How a handler builds its Alibaba side: the pop-core layer, caller tags keyed by the AccessKey secret. */
export const ALIYUN_PROVIDER: VodProviderSpec<AliyunConfig, AliyunCloud> = {
  provider: 'aliyun',
  createCloud: createAliyunCloud,
  tagSecret: (config) => config.accessKeySecret,
};
