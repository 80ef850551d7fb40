import { type ProviderKey, vodError } from '@vod-uploader/core';
import { AliyunPlugin } from './aliyun/aliyun-plugin.js';
import { S3Plugin } from './s3/s3-plugin.js';
import { TencentPlugin } from './tencent/tencent-plugin.js';

/** The plugin class of each provider. */
export interface VodPluginClasses {
  tencent: typeof TencentPlugin;
  aliyun: typeof AliyunPlugin;
  s3: typeof S3Plugin;
}

/**
 * The uploader plugin class of a provider, for apps that choose the cloud at run time.
 * @example
 * uppy.use(createVodPlugin('tencent'), { endpoint: '/api/vod' });
 */
export function createVodPlugin<P extends keyof VodPluginClasses>(provider: P): VodPluginClasses[P];
export function createVodPlugin(provider: ProviderKey): VodPluginClasses[keyof VodPluginClasses];
export function createVodPlugin(provider: ProviderKey): VodPluginClasses[keyof VodPluginClasses] {
  switch (provider) {
    case 'tencent':
      return TencentPlugin;
    case 'aliyun':
      return AliyunPlugin;
    case 's3':
      return S3Plugin;
    default:
      throw vodError('config_invalid', `No uploader plugin for provider ${JSON.stringify(provider)}.`);
  }
}
