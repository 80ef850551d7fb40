/// <reference lib="webworker" />
import type OSS from 'ali-oss';
import { type OssClient, ossClientOf, ossErrorFields } from './oss-client.js';
import type { OssWorkerAnswer, OssWorkerRequest } from './worker-oss-clients.js';

// ali-oss's browser build reads `window.navigator` when a request has no Content-Type (its DingTalk
// check); in a worker the global is `self`.
(globalThis as { window?: unknown }).window ??= globalThis;

let ossClass: Promise<typeof OSS> | undefined;
const loadOssClass = () => {
  ossClass ??= import('ali-oss').then((m) => ((m as { default?: typeof OSS }).default ?? m) as typeof OSS);
  return ossClass;
};
const clients = new Map<number, OssClient>();
const KEPT_CLIENTS = 4;

/**
 * The dedicated worker that evaluates ali-oss and runs its calls (bundled by Vite from
 * `new Worker(new URL('./oss-worker.js', import.meta.url), { type: 'module' })`). ali-oss's browser
 * build is 1.5 MB of browserify + core-js whose evaluation was one 435–774 ms main-thread task on the
 * shared bench machine: here it blocks nobody. ali-oss talks to OSS with XMLHttpRequest, which
 * workers have; the parts' bytes never come here (the transport sends them from the page).
 */
addEventListener('message', (event: MessageEvent<OssWorkerRequest>) => {
  const request = event.data;
  answer(request.id, async () => {
    if (request.op === 'load') {
      await loadOssClass();
      return undefined;
    }
    if (request.op === 'open') {
      clients.set(request.client, ossClientOf(await loadOssClass(), request.options));
      // A client per credential: the few newest are kept (a call may still be using the one before).
      for (const old of clients.keys()) if (clients.size > KEPT_CLIENTS) clients.delete(old);
      return undefined;
    }
    const client = clients.get(request.client);
    if (!client) throw new Error(`no OSS client ${request.client}`);
    const method = client[request.method] as (...args: unknown[]) => Promise<unknown>;
    return method.apply(client, request.args);
  });
});

function answer(id: number, run: () => Promise<unknown>): void {
  run().then(
    (value) => postMessage({ id, value } satisfies OssWorkerAnswer),
    (error: unknown) => postMessage({ id, error: ossErrorFields(error) } satisfies OssWorkerAnswer),
  );
}
