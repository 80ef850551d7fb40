import type { VodProvider, VodProviderSpec } from '../cloud/vod-provider.js';
import { createTencentCloud, type TencentCloud } from './tencent-cloud.js';
import type { TencentConfig } from './tencent-config.js';

/** What the Tencent routes work with: its config, its cloud layer and its memories (`VodProvider`). */
export type TencentProvider = VodProvider<TencentConfig, TencentCloud>;

/** How a handler builds its Tencent side: the SDK layer, caller tags keyed by the SecretKey. */
export const TENCENT_PROVIDER: VodProviderSpec<TencentConfig, TencentCloud> = {
  provider: 'tencent',
  createCloud: createTencentCloud,
  tagSecret: (config) => config.secretKey,
};
