import type { PluginOpts } from '@uppy/core';
import type { CheckpointStore } from './shared/checkpoint-store.js';
import type { EndpointHeaders } from './shared/endpoint-client.js';
import type { UploadEnvironment } from './shared/environment.js';
import type { RetryOptions } from './shared/retry-options.js';

/** Options every VOD uploader plugin takes. */
export interface VodPluginOptions extends PluginOpts {
  /** Base URL of the credential endpoint (`createVodHandler` from `@vod-uploader/server`), e.g. `/api/vod`. */
  endpoint: string;
  /** Extra headers for endpoint calls (auth, CSRF), or a function resolving them before each call. */
  headers?: EndpointHeaders;
  /**
   * A fixed part size in bytes; files no larger go in one PUT, and it grows automatically to stay
   * under 10,000 parts. Default: core's `planTransfer` decides per file (one PUT up to the provider's
   * measured crossover, then parts growing from 8 to 64 MiB with the file), because one fixed size
   * pays per-part round trips on large files that bigger parts would not; see bench/NOTES.md.
   */
  partSize?: number;
  /**
   * Most parts in flight per file (default 6, the connections a browser opens per origin over
   * HTTP/1.1). Within it, an `InFlightController` starts at 3 and adds parts while the measured
   * throughput grows, halves on a failed attempt, and keeps at most 256 MiB in flight.
   */
  concurrency?: number;
  /**
   * Files uploading at once (default 6, as `@uppy/aws-s3`). A file sent in one request keeps one
   * connection busy, so a queue of small files needs several at once to fill a link with long round
   * trips. A file sent in parts counts as `limit / 2` of them (rounded up), since it keeps several
   * parts in flight: six small files at once, or two large ones, or one and three small.
   */
  limit?: number;
  /** Per-request retry with exponential backoff and jitter. */
  retry?: RetryOptions;
  /**
   * Keep a checkpoint in IndexedDB so re-selecting the same file after a reload continues the upload
   * (default true). Checkpoints expire with their credential and are cleared on success.
   */
  resume?: boolean;
  /** Where checkpoints live (default: IndexedDB, or memory where it is missing). */
  checkpointStore?: CheckpointStore;
  /**
   * Whose checkpoints these are: set it to the signed-in user's id where several people share a
   * browser profile, and a file resumes only an upload its own user started (another's checkpoint is
   * not even read). Unset, checkpoints are shared by whoever uses the page; call
   * `clearUploadCheckpoints()` on sign-out then.
   */
  checkpointScope?: string;
  /**
   * Load the provider's SDK chunk (cos-js-sdk-v5, ali-oss) and start the checksum worker once the
   * browser is idle after the plugin is installed (default true), so their one-off start does not
   * delay or block the first upload. `false` does both when the first file starts uploading instead
   * (saves the download on pages where nobody uploads).
   */
  preloadSdk?: boolean;
  /**
   * Check every part and the object against the bucket's checksum (default true): CRC64 on COS/OSS,
   * CRC32C signed into each S3 request. `false` only to measure what the check costs (the bench).
   */
  verifyIntegrity?: boolean;
  /** Time, timers and connectivity; injected by tests. */
  environment?: UploadEnvironment;
  /** Used for endpoint calls instead of the global `fetch` (e.g. to add tracing). */
  fetch?: typeof fetch;
}

/** The built-in defaults of {@link VodPluginOptions}. */
export const VOD_PLUGIN_DEFAULTS = {
  concurrency: 6,
  limit: 6,
  resume: true,
  preloadSdk: true,
} as const;

/**
 * Files sent in parts at once, at most: each keeps up to `concurrency` parts in flight, so two
 * already fill the 6 connections a browser opens to one host over HTTP/1.1; a third file's requests
 * would only queue behind theirs (and a request queued in the browser moves no byte, so its idle
 * timeout runs).
 */
export const MULTIPART_FILES_AT_ONCE = 2;
