import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@vod-uploader/sandbox';
import { configFromSandboxDescriptor, createVodHandler, toNodeHandler } from '@vod-uploader/server';
import { createServer as createViteServer, defaultClientConditions, type ViteDevServer } from 'vite';

/**
 * Run as its own process (`node --conditions=source --import tsx`), so the workspace packages resolve
 * to their sources however Playwright itself was started: the sandbox, the credential endpoint
 * (`createVodHandler` on node:http) and Vite serving the harness with the `source` condition; the page
 * reaches the endpoint same-origin at `/api/vod`. Prints one JSON line `{ url, sandboxUrl }`, stops
 * when stdin closes. Arguments: the sandbox data directory, then optional JSON sandbox options.
 */
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..', '..');

const sandbox = await startSandbox({
  ...JSON.parse(process.argv[3] ?? '{}'),
  port: 0,
  dataDir: process.argv[2],
});
const handler = createVodHandler({
  basePath: '/api/vod',
  // One caller unless a test names another (`x-user`): the ownership scenarios sign in two people.
  authorize: (request) => ({ id: request.headers.get('x-user') ?? 'anyone' }),
  ...configFromSandboxDescriptor(sandbox.descriptor),
});
const endpoint = createHttpServer(toNodeHandler(handler));
await new Promise<void>((done) => endpoint.listen(0, '127.0.0.1', done));
const endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
const vite: ViteDevServer = await createViteServer({
  configFile: false,
  root: join(here, '..', 'harness'),
  cacheDir: join(repoRoot, 'node_modules', '.vite-uppy-harness'),
  logLevel: 'warn',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // Pre-bundled up front: a dependency discovered mid-test makes Vite reload the page.
  optimizeDeps: { include: ['@uppy/core', '@uppy/aws-s3', 'cos-js-sdk-v5', 'ali-oss'] },
  // No file watching or HMR: a test page must never reload because a source file changed under it.
  server: {
    host: '127.0.0.1',
    port: 0,
    hmr: false,
    watch: null,
    proxy: { '/api/vod/': endpointUrl, '/_sandbox/': sandbox.url },
  },
  plugins: [
    {
      name: 'harness-descriptor',
      // A plugin's middleware runs before Vite's HTML fallback, which would answer any path.
      configureServer(server) {
        server.middlewares.use('/_harness/descriptor', (_req, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(sandbox.descriptor));
        });
      },
    },
  ],
});
await vite.listen();
const address = vite.httpServer?.address() as AddressInfo;
process.stdout.write(
  `${JSON.stringify({ url: `http://127.0.0.1:${address.port}/`, sandboxUrl: sandbox.url })}\n`,
);

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await vite.close();
  await closeServer(endpoint);
  await sandbox.close();
  process.exit(0);
}
process.stdin.on('end', close);
process.stdin.resume();
process.on('SIGTERM', close);

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
