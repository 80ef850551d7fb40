import type { OssClient, OssClientOptions, OssErrorFields } from './oss-client.js';

/** A message to the OSS worker. */
export type OssWorkerRequest =
  | { id: number; op: 'load' }
  | { id: number; op: 'open'; client: number; options: OssClientOptions }
  | {
      id: number;
      op: 'call';
      client: number;
      /** The client's options again, so a worker that let the client go makes it anew. */
      options: OssClientOptions;
      method: keyof OssClient;
      args: unknown[];
    };

/** The OSS worker's answer to an {@link OssWorkerRequest}. */
export type OssWorkerAnswer = { id: number; value: unknown } | { id: number; error: OssErrorFields };

/** Makes {@link OssClient}s for credentials; `load()` evaluates ali-oss ahead (the plugin's preload). */
export interface OssClients {
  load(): Promise<void>;
  open(options: OssClientOptions): Promise<OssClient>;
}

const METHODS = [
  'initMultipartUpload',
  'listParts',
  'completeMultipartUpload',
  'head',
  'delete',
  'abortMultipartUpload',
  'authorization',
] as const satisfies readonly (keyof OssClient)[];

/**
 * ali-oss in a dedicated module worker (`oss-worker.ts`): the page's main thread never evaluates it,
 * and each call is one postMessage each way (a part's signature costs well under a millisecond more
 * than in the page). Resolves undefined where `Worker` is missing or the worker cannot start or load
 * ali-oss (a CSP without `worker-src`, a blocked chunk): the caller then uses ali-oss in the page.
 */
export async function workerOssClients(): Promise<OssClients | undefined> {
  if (typeof Worker === 'undefined') return undefined;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./oss-worker.js', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
  let nextId = 0;
  let nextClient = 0;
  let failed: Error | undefined;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  worker.addEventListener('message', (event: MessageEvent<OssWorkerAnswer>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (!waiting) return;
    if ('error' in answer) waiting.reject(Object.assign(new Error(answer.error.message), answer.error));
    else waiting.resolve(answer.value);
  });
  worker.addEventListener('error', (event) => {
    failed = new Error(`the OSS worker failed: ${event.message ?? 'could not load'}`);
    for (const waiting of pending.values()) waiting.reject(failed);
    pending.clear();
    worker.terminate();
  });
  // Distributes Omit over the union, so each variant keeps its own fields.
  type Unsent<T> = T extends unknown ? Omit<T, 'id'> : never;
  const send = (request: Unsent<OssWorkerRequest>): Promise<unknown> => {
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as OssWorkerRequest);
    });
  };
  const loaded = send({ op: 'load' });
  try {
    await loaded;
  } catch {
    worker.terminate();
    return undefined;
  }
  return {
    load: () => loaded.then(() => undefined),
    async open(options) {
      const client = nextClient++;
      await send({ op: 'open', client, options });
      const remote = Object.fromEntries(
        METHODS.map((method) => [
          method,
          (...args: unknown[]) => send({ op: 'call', client, options, method, args }),
        ]),
      ) as unknown as OssClient;
      return remote;
    },
  };
}
