import type { ProviderKey } from '@vod-uploader/core';
import { loadAliyun } from './aliyun/load-aliyun.js';
import { loadS3 } from './s3/load-s3.js';
import { loadTencent } from './tencent/load-tencent.js';

/**
 * Loads (fetches and evaluates) the lazy chunks a provider uploads with: the shared engine and the
 * provider's uploader, plus cos-js-sdk-v5 for Tencent and ali-oss for Alibaba, and starts the
 * checksum worker. The plugins load the same chunks (each through its own `load*` function, so the
 * shared engine knows no provider) when the browser is idle after they are installed (option
 * `preloadSdk`), so evaluating the SDK (ali-oss: ~100–200 ms of main thread) happens before the
 * user's first upload, not in the middle of it. Apps may call this earlier (e.g. on hover).
 */
export async function preloadProviderSdk(provider: ProviderKey): Promise<void> {
  const warming = import('./shared/preload-engine.js').then((m) => m.preloadEngine());
  if (provider === 'tencent') await loadTencent();
  else if (provider === 'aliyun') await loadAliyun();
  else await loadS3();
  await warming;
}
