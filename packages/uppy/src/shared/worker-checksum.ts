import type { ChecksumFn, HashAlgorithm } from './compute-checksum.js';

/** The main-thread fallback, loaded only where it is needed (no Worker, or one that failed). */
async function computeChecksum(blob: Blob, algorithm: HashAlgorithm): Promise<string> {
  return (await import('./compute-checksum.js')).computeChecksum(blob, algorithm);
}

/** A message to the checksum worker. */
export interface ChecksumRequest {
  id: number;
  blob: Blob;
  algorithm: HashAlgorithm;
}

/** The worker's answer to a {@link ChecksumRequest}. */
export type ChecksumResponse = { id: number; value: string } | { id: number; error: string };

let shared: ChecksumFn | undefined;

/**
 * The checksum function of the page: parts are hashed in one module worker (a CRC of an 8 MiB part
 * is ~12 ms of CPU, which on the main thread would land between frames of the progress UI), fed the
 * Blob slice the transport sends. Where `Worker` is absent (Node tests, SSR) or cannot start (a CSP
 * without `worker-src`), it hashes on the calling thread instead: slower to the eye, same answers.
 * The worker is created on first use, never at import.
 */
export function workerChecksum(): ChecksumFn {
  shared ??= createWorkerChecksum();
  return shared;
}

/**
 * Starts the checksum worker and has it compile hash-wasm's CRCs, ahead of the first part: a module
 * worker takes ~70 ms to start, and S3 cannot send its first part before that part is hashed (its
 * CRC32C is signed). Called when the page is idle after the plugin is installed (`preloadSdk`).
 */
export function warmChecksum(): Promise<void> {
  warming ??= (() => {
    const checksum = workerChecksum();
    const empty = new Blob([]);
    return Promise.all([checksum(empty, 'crc32c'), checksum(empty, 'crc64ecma')]).then(() => undefined);
  })();
  return warming;
}

/** The one warm-up of the page's worker: every later call (another plugin, `preloadProviderSdk`) shares it. */
let warming: Promise<void> | undefined;

function createWorkerChecksum(): ChecksumFn {
  let worker: Worker | undefined;
  let broken = typeof Worker === 'undefined';
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();

  const start = (): Worker | undefined => {
    if (worker || broken) return worker;
    try {
      worker = new Worker(new URL('./crc-worker.js', import.meta.url), { type: 'module' });
    } catch {
      broken = true;
      return undefined;
    }
    worker.addEventListener('message', (event: MessageEvent<ChecksumResponse>) => {
      const answer = event.data;
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if (!waiting) return;
      if ('value' in answer) waiting.resolve(answer.value);
      else waiting.reject(new Error(answer.error));
    });
    // A worker that fails to load (blocked script, bad chunk) hands its work to the main thread.
    worker.addEventListener('error', () => {
      broken = true;
      worker?.terminate();
      worker = undefined;
      for (const waiting of pending.values()) waiting.reject(new Error('worker failed'));
      pending.clear();
    });
    return worker;
  };

  return async (blob, algorithm) => {
    const running = start();
    if (!running) return computeChecksum(blob, algorithm);
    const id = nextId++;
    try {
      return await new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        running.postMessage({ id, blob, algorithm } satisfies ChecksumRequest);
      });
    } catch {
      return computeChecksum(blob, algorithm);
    }
  };
}
