import { describe, expect, it } from 'vitest';
import { applyVodOptions, createVodUppy } from './create-vod-uppy.js';
import type { VodUploaderOptions } from './vod-uploader-options.js';

describe('createVodUppy / applyVodOptions', () => {
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
