import type { EndpointHeaders } from '../shared/endpoint-client.js';
import type { UploadEnvironment } from '../shared/environment.js';
import type { RetryOptions } from '../shared/retry-options.js';

/** The providers whose clouds can import a media from a link (S3 has no such task). */
export type UrlImportProvider = 'tencent' | 'aliyun';

/** Options of {@link UrlImporter} (and of `UrlImportList`, which builds one). */
export interface UrlImporterOptions {
  /** Which cloud imports the link: Tencent `PullUpload` or Alibaba `UploadMediaByURL`. */
  provider: UrlImportProvider;
  /** Base URL of the credential endpoint (`createVodHandler` from `@vod-uploader/server`), e.g. `/api/vod`. */
  endpoint: string;
  /** Extra headers for endpoint calls (auth, CSRF), or a function resolving them before each call. */
  headers?: EndpointHeaders;
  /**
   * First wait before asking the cloud how the import goes, and the shortest wait between two asks
   * (default 2000 ms). The clouds' task APIs are rate-limited per account (Tencent: 100 calls/s for
   * all of `DescribeTaskDetail`), so many open pages polling fast would eat the quota.
   */
  pollIntervalMs?: number;
  /**
   * Longest wait between two asks (default 30 s). The wait doubles from `pollIntervalMs` up to this,
   * so a long import costs few calls, while a short one is still seen done within seconds.
   */
  maxPollIntervalMs?: number;
  /** Retry of each endpoint call (the submit and every status read), as for file uploads. */
  retry?: RetryOptions;
  /** Time, timers and connectivity; injected by tests. */
  environment?: UploadEnvironment;
  /** Used for endpoint calls instead of the global `fetch` (e.g. to add tracing). */
  fetch?: typeof fetch;
}

/** The defaults of {@link UrlImporterOptions}. */
export const URL_IMPORTER_DEFAULTS = {
  pollIntervalMs: 2000,
  maxPollIntervalMs: 30_000,
} as const;
