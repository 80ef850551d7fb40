/// <reference lib="webworker" />
import type OSS from 'ali-oss';
import { type OssClient, type OssClientOptions, ossClientOf, ossErrorFields } from './oss-client.js';
import type { OssWorkerAnswer, OssWorkerRequest } from './worker-oss-clients.js';

// ali-oss's browser build reads `window.navigator` when a request has no Content-Type (its DingTalk
// check); in a worker the global is `self`.
(globalThis as { window?: unknown }).window ??= globalThis;

let ossClass: Promise<typeof OSS> | undefined;
const loadOssClass = () => {
  ossClass ??= import('ali-oss').then(ossConstructorOf);
  return ossClass;
};

/**
 * ali-oss's constructor, however the bundler served its browser build: as a default export (a
 * production build), as the module itself, or, where the UMD file is served as it is (Vite's dev
 * server does not pre-bundle what only a worker imports), as the global `OSS` the UMD sets.
 */
function ossConstructorOf(module: unknown): typeof OSS {
  const found = [
    (module as { default?: unknown }).default,
    module,
    (globalThis as { OSS?: unknown }).OSS,
  ].find((candidate) => typeof candidate === 'function');
  if (!found) throw new TypeError('ali-oss loaded without its OSS constructor');
  return found as typeof OSS;
}
/** The clients most recently used, last in the map's order. */
const clients = new Map<number, OssClient>();
const KEPT_CLIENTS = 4;

/**
 * A client per credential (each file has its own, and each refresh makes another). Only the few
 * most recently used are kept: a call on one let go makes it again from the options it carries, so
 * any number of files may upload at once.
 */
async function clientOf(id: number, options: OssClientOptions): Promise<OssClient> {
  const kept = clients.get(id);
  clients.delete(id);
  const client = kept ?? ossClientOf(await loadOssClass(), options);
  clients.set(id, client);
  for (const old of clients.keys()) if (clients.size > KEPT_CLIENTS) clients.delete(old);
  return client;
}

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
    const client = await clientOf(request.client, request.options);
    if (request.op === 'open') return undefined;
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
