import type { Body, Meta, UppyFile } from '@uppy/core';
import type { VodUploadResult } from '@vod-uploader/core';
import type { CheckpointStore } from './checkpoint-store.js';
import type { EndpointClient } from './endpoint-client.js';
import type { UploadEnvironment } from './environment.js';
import type { ProgressReporter } from './progress-reporter.js';
import type { RetryOptions } from './retry-options.js';
import type { VodWarning } from './vod-events.js';

/** One file's journey to the cloud, as a plugin drives it. */
export interface FileUploader {
  /**
   * Uploads what is missing and resolves with the cloud's result. Called again after a pause or a
   * failure, it continues from the parts already stored. Rejects with code `aborted` when `signal` aborts.
   */
  run(signal: AbortSignal): Promise<VodUploadResult>;
  /** Aborts the multipart upload on the bucket and forgets the checkpoint; resolves whether the bucket agreed. */
  cancel(): Promise<boolean>;
}

/** Settings every uploader shares, defaults filled in. */
export interface UploaderSettings {
  endpoint: string;
  /** The app's fixed part size; undefined lets the transfer policy (`planTransfer`) decide per file. */
  partSize: number | undefined;
  concurrency: number;
  retry: Required<RetryOptions>;
  env: UploadEnvironment;
  /** Undefined when resume after reload is off. */
  checkpoints: CheckpointStore | undefined;
  /** Whose checkpoints these are (the plugin's `checkpointScope`), part of each checkpoint's key. */
  checkpointScope?: string;
  /** Whether parts and objects are checked against the bucket's checksums. */
  verifyIntegrity: boolean;
}

/** What a plugin hands an uploader for one file. */
export interface UploaderContext {
  /** The Uppy file, as far as uploaders read it (any `Meta` and `Body`). */
  file: Pick<UppyFile<Meta, Body>, 'name' | 'type' | 'meta'>;
  /** The file's bytes. */
  data: Blob;
  client: EndpointClient;
  settings: UploaderSettings;
  progress: ProgressReporter;
  warn(warning: VodWarning): void;
  /** Told when a part is sent again because the bucket's checksum of it did not match (`vod:part-resent`). */
  partResent?(partNumber: number, resends: number): void;
  /** The last upload speed this plugin measured (bytes/s), to judge a credential's lifetime before starting. */
  measuredSpeed(): number;
}
