import type { Body, Meta, Uppy } from '@uppy/core';
import type { UploadDriver } from '../shared/upload-driver.js';
import { VodPlugin } from '../shared/vod-plugin.js';
import type { VodPluginOptions } from '../vod-plugin-options.js';
import type { CosLocation } from './cos-protocol.js';
import { loadTencent } from './load-tencent.js';
import type { TencentApplyFields } from './tencent-driver.js';

/** Options of {@link TencentPlugin}. */
export interface TencentPluginOptions extends VodPluginOptions, TencentApplyFields {
  /**
   * cos-js-sdk-v5 `Domain` template of the COS endpoint, when the page must decide it. Default: the
   * host the endpoint is configured with (`tencent.cosDomain` of `@vod-uploader/server`, which
   * `configFromSandboxDescriptor` sets to the sandbox), sent with each apply-upload answer; without
   * one, `{Bucket}.cos.{Region}.myqcloud.com`. Set here, it wins over the endpoint's.
   */
  cosDomain?: string;
  /** `https:` (default) or `http:`; goes with `cosDomain`. */
  cosProtocol?: 'http:' | 'https:';
}

/**
 * Uppy uploader to Tencent Cloud VOD through a credential endpoint. Each file gets `upload-success`
 * with `response.body` = `{ provider: 'tencent', id: FileId, url?, coverUrl? }`; a video's
 * `file.meta.cover` (a Blob) is uploaded as its cover.
 * @example
 * uppy.use(TencentPlugin, { endpoint: '/api/vod' });
 */
export class TencentPlugin<M extends Meta, B extends Body> extends VodPlugin<TencentPluginOptions, M, B> {
  protected readonly provider = 'tencent' as const;

  constructor(uppy: Uppy<M, B>, opts: TencentPluginOptions) {
    super(uppy, opts, 'VodTencent');
  }

  protected async loadDriver(): Promise<UploadDriver> {
    const { cosDomain, cosProtocol, procedure, classId, sourceContext, sessionContext } = this.opts;
    const { tencentDriver } = await loadTencent();
    const fields = { procedure, classId, sourceContext, sessionContext };
    return tencentDriver(fields, { domain: cosDomain, protocol: cosProtocol } satisfies CosLocation);
  }
}
