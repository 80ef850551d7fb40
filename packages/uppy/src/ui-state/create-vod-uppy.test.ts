import { describe, expect, it } from 'vitest';
import type { VodPluginOptions } from '../vod-plugin-options.js';
import { applyVodOptions, createVodUppy } from './create-vod-uppy.js';
import type { VodUploaderOptions } from './vod-uploader-options.js';

describe('createVodUppy / applyVodOptions', () => {
  it("applies changed pluginOptions (a signed-in user's checkpointScope) to the live plugin, keeping its endpoint", () => {
    const options: VodUploaderOptions = {
      provider: 's3',
      endpoint: '/api/vod',
      pluginOptions: { checkpointScope: 'alice', partSize: 8 * 2 ** 20 },
    };
    const uppy = createVodUppy(options, () => options);
    const plugin = () => uppy.getPlugin('VodS3') as unknown as { opts: VodPluginOptions };
    expect(plugin().opts).toMatchObject({ checkpointScope: 'alice', endpoint: '/api/vod' });
    applyVodOptions(uppy, { ...options, pluginOptions: { checkpointScope: 'bob' } });
    expect(plugin().opts).toMatchObject({
      checkpointScope: 'bob',
      endpoint: '/api/vod',
      partSize: 8 * 2 ** 20,
    });
    uppy.destroy();
  });

  it("switching the locale back to English replaces Uppy's Chinese strings", () => {
    const options: VodUploaderOptions = { provider: 's3', endpoint: '/api/vod', locale: 'zh-CN' };
    const uppy = createVodUppy(options, () => options);
    const line = () => uppy.i18n('noMoreFilesAllowed');
    const chinese = line();
    applyVodOptions(uppy, { ...options, locale: 'en' });
    expect(line()).not.toBe(chinese);
    expect(line()).toMatch(/[a-z]/);
    expect(line()).not.toMatch(/[\u4e00-\u9fff]/);
    applyVodOptions(uppy, { ...options, locale: 'zh-CN' });
    expect(line()).toBe(chinese);
    uppy.destroy();
  });
});
