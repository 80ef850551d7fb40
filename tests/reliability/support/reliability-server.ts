import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromSandboxDescriptor, createVodHandler, toNodeHandler } from '@vod-uploader/server';
import { createServer as createViteServer, defaultClientConditions } from 'vite';

/**
 * The credential endpoint and the uppy harness page, in front of a sandbox that runs as its OWN
 * process (so a test can kill and restart it on the same port mid-upload; packages/uppy's stack
 * keeps the sandbox in-process, which cannot be restarted).
 * Run as `node --conditions=source --import tsx reliability-server.ts <sandboxUrl> [policyJson] [pageRoot]`
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

const vite = await createViteServer({
  configFile: false,
  root: pageRoot,
  // One cache per page: two pages sharing one would re-optimize their dependencies at every start.
  cacheDir: join(
    repoRoot,
    'node_modules',
    `.vite-reliability-${basename(dirname(pageRoot))}-${basename(pageRoot)}`,
  ),
  logLevel: 'warn',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // Pre-bundled up front: a dependency discovered mid-test makes Vite reload the page.
  optimizeDeps: { include: ['@uppy/core', '@uppy/aws-s3', 'cos-js-sdk-v5', 'ali-oss'] },
  server: {
    host: '127.0.0.1',
    port: 0,
    proxy: { '/api/vod/': endpointUrl, '/_sandbox/': sandboxUrl },
    // Others edit the sources while the matrix runs: a file change must not reload the page mid-upload.
    hmr: false,
    watch: null,
  },
  plugins: [
    {
      name: 'harness-descriptor',
      configureServer(server) {
        server.middlewares.use('/_harness/descriptor', (_req, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(descriptor));
        });
      },
    },
  ],
});
await vite.listen();
const address = vite.httpServer?.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}/` })}\n`);

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await vite.close();
  await new Promise<void>((done) => {
    endpoint.close(() => done());
    endpoint.closeAllConnections();
  });
  process.exit(0);
}
process.stdin.on('end', close);
process.stdin.resume();
process.on('SIGTERM', close);
