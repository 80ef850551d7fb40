import type { ProviderKey } from '@vod-uploader/core';

/**
 * A failed cloud call, normalised by each cloud layer (`tencent/tencent-cloud.ts`, `aliyun/aliyun-cloud.ts`, `s3/s3-cloud.ts`) so one table
 * (`mapCloudError`) turns every cloud's failure into a `VodUploadError`. Its message is the cloud's
 * own (never the SDK's, which may carry a signed URL); it stays on the server unless the table says
 * the client may see it.
 */
export class CloudCallError extends Error {
  override name = 'CloudCallError';

  constructor(
    readonly provider: ProviderKey,
    message: string,
    readonly details: {
      /** The cloud's error code, e.g. `InvalidParameterValue.MediaType`; absent for network failures. */
      cloudCode?: string;
      requestId?: string;
      /** HTTP status of the cloud's answer; absent when no answer came. */
      httpStatus?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
  }
}
