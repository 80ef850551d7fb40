import type { Body, Meta, Uppy } from '@uppy/core';
import type { UploadDriver } from '../shared/upload-driver.js';
import { VodPlugin } from '../shared/vod-plugin.js';
import type { VodPluginOptions } from '../vod-plugin-options.js';
import type { AliyunVideoFields } from './aliyun-driver.js';
import { loadAliyun } from './load-aliyun.js';

/** Options of {@link AliyunPlugin}. */
export interface AliyunPluginOptions extends VodPluginOptions, AliyunVideoFields {}

/**
 * Uppy uploader to Alibaba Cloud ApsaraVideo VOD through a credential endpoint. Each file gets
 * `upload-success` with `response.body` = `{ provider: 'aliyun', id: VideoId | ImageId, url?, coverUrl? }`;
 * images go through CreateUploadImage, and a video's `file.meta.cover` (a Blob) is uploaded as a
 * cover image whose `ImageURL` is reported as `coverUrl`.
 * @example
 * uppy.use(AliyunPlugin, { endpoint: '/api/vod' });
 */
export class AliyunPlugin<M extends Meta, B extends Body> extends VodPlugin<AliyunPluginOptions, M, B> {
  protected readonly provider = 'aliyun' as const;

  constructor(uppy: Uppy<M, B>, opts: AliyunPluginOptions) {
    super(uppy, opts, 'VodAliyun');
  }

  protected async loadDriver(): Promise<UploadDriver> {
    const { description, tags, templateGroupId, cateId } = this.opts;
    const { aliyunDriver } = await loadAliyun();
    return aliyunDriver({ description, tags, templateGroupId, cateId });
  }
}
