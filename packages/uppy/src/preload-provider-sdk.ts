import type { ProviderKey } from '@vod-uploader/core';
import { loadOss } from './aliyun/oss-protocol.js';
import { loadCos } from './tencent/cos-protocol.js';

/**
 * Loads (fetches and evaluates) the lazy SDK chunk a provider uploads with: cos-js-sdk-v5 for Tencent,
 * ali-oss for Alibaba, nothing for S3. The plugins call it when the browser is idle after they are
 * installed (option `preloadSdk`), so evaluating the SDK (ali-oss: ~100–200 ms of main thread) happens
 * before the user's first upload, not in the middle of it. Apps may call it earlier (e.g. on hover).
 */
export async function preloadProviderSdk(provider: ProviderKey): Promise<void> {
  if (provider === 'tencent') await loadCos();
  else if (provider === 'aliyun') await loadOss();
}
