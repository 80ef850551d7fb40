import { BlobTransfer, type BlobTransferOptions } from '../../src/shared/blob-transfer.js';
import { abortableSleep, type UploadEnvironment } from '../../src/shared/environment.js';
import type { MultipartProtocol } from '../../src/shared/multipart-protocol.js';
import { ProgressReporter } from '../../src/shared/progress-reporter.js';
import { resolveRetry } from '../../src/shared/retry-options.js';

/** An environment whose every backoff lasts 1 ms, so the transfer unit tests retry without waiting. */
export const fastEnvironment: UploadEnvironment = {
  now: () => Date.now(),
  sleep: (_ms: number, signal?: AbortSignal) => abortableSleep(1, signal),
  isOnline: () => true,
  waitOnline: () => Promise.resolve(),
};

/**
 * A `BlobTransfer` of `blob` over `protocol` as the unit tests drive it: 100-byte parts, three in
 * flight, the default retry, `fastEnvironment` and a silent progress reporter; `options` replaces any
 * of these and adds the rest (resume, checksum, hooks), so each test names only what it is about.
 */
export function testTransfer(
  blob: Blob,
  protocol: MultipartProtocol,
  options: Partial<BlobTransferOptions> = {},
): BlobTransfer {
  const env = options.env ?? fastEnvironment;
  return new BlobTransfer({
    blob,
    protocol,
    partSize: 100,
    concurrency: 3,
    retry: resolveRetry({}),
    env,
    progress: new ProgressReporter(blob.size, () => {}, env),
    ...options,
  });
}
