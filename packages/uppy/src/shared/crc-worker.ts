/// <reference lib="webworker" />
import { computeChecksum } from './compute-checksum.js';
import type { ChecksumRequest, ChecksumResponse } from './worker-checksum.js';

/**
 * The module worker that hashes parts off the main thread (bundled by Vite from
 * `new Worker(new URL('./crc-worker.js', import.meta.url), { type: 'module' })`: `.js`, so the URL
 * also holds in the tsc-built `dist/`, while Vite maps it to this source file). It receives the same
 * Blob slice the transport sends (a reference, not a copy) and streams it through the CRC.
 */
let queue: Promise<unknown> = Promise.resolve();

/**
 * One part at a time, in the order asked: parts read side by side share the worker and the file's
 * IPC, so each would finish late; in order, the part a lane needs first (S3 signs its checksum before
 * sending it) is ready first.
 */
addEventListener('message', (event: MessageEvent<ChecksumRequest>) => {
  const { id, blob, algorithm } = event.data;
  queue = queue.then(() =>
    computeChecksum(blob, algorithm).then(
      (value) => postMessage({ id, value } satisfies ChecksumResponse),
      (error: unknown) => postMessage({ id, error: String(error) } satisfies ChecksumResponse),
    ),
  );
});
