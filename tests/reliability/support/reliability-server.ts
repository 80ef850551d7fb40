import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromSandboxDescriptor, createVodHandler, toNodeHandler } from '@vod-uploader/server';
import {
  build,
  createServer as createViteServer,
  defaultClientConditions,
  type Plugin,
  type PreviewServer,
  preview,
} from 'vite';

/**
 * The credential endpoint and the uppy harness page, in front of a sandbox that runs as its OWN
 * process (so a test can kill and restart it on the same port mid-upload; packages/uppy's stack
 * keeps the sandbox in-process, which cannot be restarted).
 * Run as `node --conditions=source --import tsx reliability-server.ts <sandboxUrl> [policyJson] [pageRoot] [dev|production]`
 * (the page defaults to packages/uppy's harness; the benchmarks serve their own).
 * Prints one JSON line `{ url }`, stops when stdin closes.
 */
// A client aborting mid-body (reload, offline) can surface as a stray ECONNRESET in the dev proxy.
process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
  if (error.code === 'ECONNRESET' || error.message === 'aborted') return;
  console.error(error);
  process.exit(1);
});

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const sandboxUrl = process.argv[2] as string;
const policy = JSON.parse(process.argv[3] || '{}') as { maxFileSize?: number };
const pageRoot = process.argv[4] || join(repoRoot, 'packages', 'uppy', 'tests', 'harness');
const mode = process.argv[5] === 'production' ? 'production' : 'dev';

const descriptor = await (await fetch(`${sandboxUrl}/_sandbox/descriptor`)).json();
const handler = createVodHandler({
  basePath: '/api/vod',
  allowAnyone: true,
  policy,
  ...configFromSandboxDescriptor(descriptor),
});
const endpoint = createHttpServer(toNodeHandler(handler));
await new Promise<void>((done) => endpoint.listen(0, '127.0.0.1', done));
const endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;

const harnessDescriptor: Plugin = {
  name: 'harness-descriptor',
  configureServer(server) {
    server.middlewares.use('/_harness/descriptor', serveDescriptor);
  },
  configurePreviewServer(server) {
    server.middlewares.use('/_harness/descriptor', serveDescriptor);
  },
};
function serveDescriptor(_req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(descriptor));
}
const shared = {
  configFile: false as const,
  root: pageRoot,
  // One cache per page: two pages sharing one would re-optimize their dependencies at every start.
  cacheDir: join(
    repoRoot,
    'node_modules',
    `.vite-reliability-${basename(dirname(pageRoot))}-${basename(pageRoot)}`,
  ),
  logLevel: 'warn' as const,
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [harnessDescriptor],
};
const proxy = { '/api/vod/': endpointUrl, '/_sandbox/': sandboxUrl };

const server =
  mode === 'production'
    ? await previewBuilt()
    : await createViteServer({
        ...shared,
        // Pre-bundled up front: a dependency discovered mid-test makes Vite reload the page.
        optimizeDeps: { include: ['@uppy/core', '@uppy/aws-s3', 'cos-js-sdk-v5', 'ali-oss'] },
        server: {
          host: '127.0.0.1',
          port: 0,
          proxy,
          // Others edit the sources while the matrix runs: a file change must not reload the page mid-upload.
          hmr: false,
          watch: null,
        },
      }).then((vite) => vite.listen());

/** Builds the page as an app ships it (production, minified) and serves the output with `vite preview`. */
async function previewBuilt(): Promise<PreviewServer> {
  const outDir = await mkdtemp(join(tmpdir(), 'vod-page-build-'));
  process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
  await build({ ...shared, build: { outDir, emptyOutDir: true } });
  return preview({ ...shared, build: { outDir }, preview: { host: '127.0.0.1', port: 0, proxy } });
}
const address = server.httpServer?.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}/` })}\n`);

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await server.close();
  await new Promise<void>((done) => {
    endpoint.close(() => done());
    endpoint.closeAllConnections();
  });
  process.exit(0);
}
process.stdin.on('end', close);
process.stdin.resume();
process.on('SIGTERM', close);
