import type { Body, Meta, Uppy } from '@uppy/core';
import type { FileUploader, UploaderContext } from '../shared/file-uploader.js';
import { lazyUploader } from '../shared/lazy-uploader.js';
import { VodPlugin } from '../shared/vod-plugin.js';
import type { VodPluginOptions } from '../vod-plugin-options.js';
import { loadS3 } from './load-s3.js';

/** Options of {@link S3Plugin}. */
export type S3PluginOptions = VodPluginOptions;

/**
 * Uppy uploader to an S3-compatible bucket, every request presigned by the credential endpoint's
 * `/s3/sign`. Each file gets `upload-success` with `response.body` = `{ provider: 's3', id: key, url,
 * coverUrl? }`; a video's `file.meta.cover` (a Blob) is stored as a second object.
 * @example
 * uppy.use(S3Plugin, { endpoint: '/api/vod' });
 */
export class S3Plugin<M extends Meta, B extends Body> extends VodPlugin<S3PluginOptions, M, B> {
  protected readonly provider = 's3' as const;

  constructor(uppy: Uppy<M, B>, opts: S3PluginOptions) {
    super(uppy, opts, 'VodS3');
  }

  protected createUploader(context: UploaderContext<M, B>): FileUploader {
    return lazyUploader(async () => {
      const { S3Uploader } = await loadS3();
      return new S3Uploader(context as unknown as UploaderContext);
    });
  }

  protected async preload(): Promise<void> {
    await loadS3();
  }
}
