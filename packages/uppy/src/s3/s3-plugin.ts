import type { Body, Meta, Uppy } from '@uppy/core';
import type { UploadDriver } from '../shared/upload-driver.js';
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

  protected async loadDriver(): Promise<UploadDriver> {
    return (await loadS3()).s3Driver;
  }
}
