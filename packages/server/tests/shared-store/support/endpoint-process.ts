/**
 * One endpoint instance as a child process, for the shared-store tests and bench: serves
 * `createVodHandler` through `toNodeHandler` on 127.0.0.1 (port 0) against the sandbox at
 * `sandboxUrl`, on Redis (`redisUrl`) or in memory, and prints `{ "url", "pid" }` when it listens.
 * `onUploaded` appends `{ pid, provider, mediaId }` lines to `hookFile`, so a test counts firings
 * across processes. With `lease`, it serves nothing and instead keeps trying `holdLease`, appending
 * `{ pid, at }` ticks to `lease.file` every 20 ms while it holds the lease.
 *
 * Usage: node --conditions=source --import tsx endpoint-process.ts '<EndpointProcessOptions JSON>'
 */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  configFromSandboxDescriptor,
  createRedisSharedStore,
  createVodHandler,
  holdLease,
  type Lease,
  MemorySharedStore,
  type RateLimitOptions,
  type SandboxDescriptorLike,
  type SharedStore,
  startTencentEventPoller,
  toNodeHandler,
} from '@vod-uploader/server';

/** What one endpoint process is started with (its only argument, as JSON). */
export interface EndpointProcessOptions {
  sandboxUrl: string;
  /** Redis to share; without it the process keeps its own `MemorySharedStore`. */
  redisUrl?: string;
  /** Where `onUploaded` appends its lines; none: no hook. */
  hookFile?: string;
  /** Hosts URL imports may come from (the tests' media origin on 127.0.0.1). */
  allowHosts?: string[];
  rateLimit?: RateLimitOptions | false;
  lease?: { name: string; file: string; ttlMs: number };
  /**
   * Runs the Tencent event poller (under its lease, on `store`) instead of serving, with uploads'
   * `procedure`; appends `{ pid, id, type, at }` to `file` for every event `onMediaEvent` takes.
   */
  poller?: { file: string; procedure: string };
}

const options = JSON.parse(process.argv[2] ?? '{}') as EndpointProcessOptions;
const store: SharedStore = options.redisUrl
  ? createRedisSharedStore({ url: options.redisUrl, onError: () => {} })
  : new MemorySharedStore();

if (options.lease) {
  const { name, file, ttlMs } = options.lease;
  console.log(JSON.stringify({ pid: process.pid }));
  // One step at a time: an attempt still waiting on the store must not race the next one.
  let lease: Lease | undefined;
  for (;;) {
    if (lease?.held()) appendFileSync(file, `${JSON.stringify({ pid: process.pid, at: Date.now() })}\n`);
    else lease = await holdLease(store, name, { ttlMs }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
} else if (options.poller) {
  const { file, procedure } = options.poller;
  const providers = configFromSandboxDescriptor(await descriptorOf(options.sandboxUrl));
  startTencentEventPoller({
    config: {
      ...providers,
      tencent: { ...providers.tencent, procedure },
      authorize: () => ({ id: 'anyone' }),
      onError: () => {},
    },
    store,
    retryMs: 200,
    onMediaEvent: ({ id, type }) => {
      appendFileSync(file, `${JSON.stringify({ pid: process.pid, id, type, at: Date.now() })}\n`);
    },
  });
  console.log(JSON.stringify({ pid: process.pid }));
} else {
  const descriptor = await descriptorOf(options.sandboxUrl);
  const { hookFile } = options;
  const handler = createVodHandler({
    ...configFromSandboxDescriptor(descriptor),
    // The caller is whoever x-caller names: enough to count one caller's requests.
    authorize: (request) => ({ id: request.headers.get('x-caller') ?? 'anyone' }),
    store,
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
    policy: {
      // No DNS: every name is a public address; the media origin is listed.
      urlImport: { allowHosts: options.allowHosts ?? [], resolveHost: async () => ['93.184.215.14'] },
    },
    ...(hookFile
      ? {
          onUploaded: ({ provider, mediaId }) => {
            appendFileSync(hookFile, `${JSON.stringify({ pid: process.pid, provider, mediaId })}\n`);
          },
        }
      : {}),
    onError: (error) => console.error(`[endpoint ${process.pid}]`, (error as Error)?.message ?? error),
  });
  const server = createServer(toNodeHandler(handler));
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid }));
  });
}

async function descriptorOf(sandboxUrl: string): Promise<SandboxDescriptorLike> {
  return (await (await fetch(`${sandboxUrl}/_sandbox/descriptor`)).json()) as SandboxDescriptorLike;
}
