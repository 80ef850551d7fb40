/// <reference lib="webworker" />
import { checksumOfBytes, computeChecksum } from './compute-checksum.js';
import type { ChecksumRequest, ChecksumResponse } from './worker-checksum.js';

/**
 * The module worker that hashes parts off the main thread (bundled by Vite from
 * `new Worker(new URL('./crc-worker.js', import.meta.url), { type: 'module' })`: `.js`, so the URL
 * also holds in the tsc-built `dist/`, while Vite maps it to this source file).
 *
 * A part to send (`keepBytes`) is read once into memory, hashed, and answered as an in-memory Blob of
 * those bytes, which the transport sends instead of the file's slice. Measured in Chromium on the
 * bench machine (`bench/sections/integrity.ts`, CPU of the whole stack from /proc): reading a file
 * slice costs about as much CPU as hashing it, so hashing a second read of the file (the first way
 * this was built) cost 10–40 % of a loopback upload's time; while an XHR of an in-memory Blob costs
 * less CPU than one of a file slice (the browser streams the file through its blob system), so
 * reading once and sending what was hashed costs about what the unchecked upload does, plus the
 * CRC itself. An ArrayBuffer body would be worse still: Chromium's XHR took 10× the CPU for it.
 * Other requests (a listed part to compare, a small object checksum) are streamed, one chunk at a time.
 */
addEventListener('message', (event: MessageEvent<ChecksumRequest>) => {
  const { id, blob, algorithm, keepBytes } = event.data;
  const work = keepBytes
    ? blob.arrayBuffer().then(async (buffer) => {
        const bytes = new Uint8Array(buffer);
        const value = await checksumOfBytes(bytes, algorithm);
        return { id, value, body: new Blob([bytes], { type: blob.type }) } satisfies ChecksumResponse;
      })
    : computeChecksum(blob, algorithm).then((value) => ({ id, value }) satisfies ChecksumResponse);
  work.then(
    (answer) => postMessage(answer),
    (error: unknown) => postMessage({ id, error: String(error) } satisfies ChecksumResponse),
  );
});
