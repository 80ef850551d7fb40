import type { RetryOptions } from '../shared/retry-options.js';

/**
 * Options of the "Import from a link" panel (`urlImport` of `<VodUploader />`). `true` takes the
 * defaults. Only Tencent and Alibaba can import links; with S3 the panel is not drawn.
 */
export interface VodUrlImportOptions {
  /** Shortest wait between two status reads (default 2000 ms); it doubles up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Longest wait between two status reads (default 30 s). */
  maxPollIntervalMs?: number;
  /** Retry of each endpoint call. */
  retry?: RetryOptions;
}
