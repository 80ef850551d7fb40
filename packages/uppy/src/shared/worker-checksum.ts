import type { ChecksumAlgorithm, ChecksumFn, HashedPart, PartHashFn } from './compute-checksum.js';

/** The main-thread fallback, loaded only where it is needed (no Worker, or one that failed). */
async function computeChecksum(blob: Blob, algorithm: ChecksumAlgorithm): Promise<string> {
  return (await import('./compute-checksum.js')).computeChecksum(blob, algorithm);
}

/** A message to the checksum worker. */
export interface ChecksumRequest {
  id: number;
  blob: Blob;
  algorithm: ChecksumAlgorithm;
  /** Read the blob once and answer its bytes as an in-memory Blob too (a part about to be sent). */
  keepBytes?: boolean;
}

/** The worker's answer to a {@link ChecksumRequest}. */
export type ChecksumResponse = { id: number; value: string; body?: Blob } | { id: number; error: string };

/** The page's checksum worker, seen two ways. */
export interface WorkerChecksum {
  /** A Blob's checksum, streamed (a listed part to compare, a small object checksum). */
  checksum: ChecksumFn;
  /** A part read once, hashed, and its bytes handed back to be sent ({@link HashedPart}). */
  hashPart: PartHashFn;
}

let shared: WorkerChecksum | undefined;

/**
 * The checksum worker of the page: parts are hashed in one module worker (a CRC of an 8 MiB part
 * is ~12 ms of CPU, which on the main thread would land between frames of the progress UI). Where
 * `Worker` is absent (Node tests, SSR) or cannot start (a CSP without `worker-src`), it hashes on the
 * calling thread instead, streaming the file's slice, which is then sent as it is: slower to the
 * eye, same answers. The worker is created on first use, never at import.
 */
export function workerChecksum(): WorkerChecksum {
  shared ??= createWorkerChecksum();
  return shared;
}

function createWorkerChecksum(): WorkerChecksum {
  let worker: Worker | undefined;
  let broken = typeof Worker === 'undefined';
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: HashedPart) => void; reject: (e: Error) => void }>();
  const blobOf = new Map<number, Blob>();

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
      const sent = blobOf.get(answer.id) as Blob;
      pending.delete(answer.id);
      blobOf.delete(answer.id);
      if (!waiting) return;
      if ('value' in answer) waiting.resolve({ value: answer.value, body: answer.body ?? sent });
      else waiting.reject(new Error(answer.error));
    });
    // A worker that fails to load (blocked script, bad chunk) hands its work to the main thread.
    worker.addEventListener('error', () => {
      broken = true;
      worker?.terminate();
      worker = undefined;
      for (const waiting of pending.values()) waiting.reject(new Error('worker failed'));
      pending.clear();
      blobOf.clear();
    });
    return worker;
  };

  const ask = async (blob: Blob, algorithm: ChecksumAlgorithm, keepBytes: boolean): Promise<HashedPart> => {
    const running = start();
    if (running) {
      const id = nextId++;
      try {
        return await new Promise<HashedPart>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          blobOf.set(id, blob);
          running.postMessage({ id, blob, algorithm, keepBytes } satisfies ChecksumRequest);
        });
      } catch {
        // The worker died: this thread hashes instead (below).
      }
    }
    return { value: await computeChecksum(blob, algorithm), body: blob };
  };

  return {
    checksum: async (blob, algorithm) => (await ask(blob, algorithm, false)).value,
    hashPart: (blob, algorithm) => ask(blob, algorithm, true),
  };
}
