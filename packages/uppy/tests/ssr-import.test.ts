import { describe, expect, it } from 'vitest';

describe('@vod-uploader/uppy in a server render', () => {
  it('imports without window, document, XMLHttpRequest or indexedDB, and loads no cloud SDK', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const uppy = await import('@vod-uploader/uppy');
    expect(uppy.createVodPlugin('tencent')).toBe(uppy.TencentPlugin);
    expect(uppy.createVodPlugin('aliyun')).toBe(uppy.AliyunPlugin);
    expect(uppy.createVodPlugin('s3')).toBe(uppy.S3Plugin);
    expect(() => uppy.createVodPlugin('azure' as never)).toThrow(/No uploader plugin/);
  });

  it('gives each plugin its fixed id and refuses a missing endpoint', async () => {
    const { default: Uppy } = await import('@uppy/core');
    const { TencentPlugin, AliyunPlugin, S3Plugin } = await import('@vod-uploader/uppy');
    const uppy = new Uppy();
    uppy.use(TencentPlugin, { endpoint: '/api/vod' });
    uppy.use(AliyunPlugin, { endpoint: '/api/vod' });
    uppy.use(S3Plugin, { endpoint: '/api/vod' });
    expect(['VodTencent', 'VodAliyun', 'VodS3'].map((id) => uppy.getPlugin(id)?.id)).toEqual([
      'VodTencent',
      'VodAliyun',
      'VodS3',
    ]);
    expect(uppy.getState().capabilities.resumableUploads).toBe(true);
    expect(() => new Uppy().use(TencentPlugin, { endpoint: '' })).toThrow(/endpoint/);
  });
});
