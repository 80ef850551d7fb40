import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import {
  configFromEnv,
  configFromSandboxDescriptor,
  createMediaVerifier,
  createVodHandler,
  type ProviderConfigs,
  toNodeHandler,
  type VodHandler,
} from '@vod-uploader/server';
import { createServer as createViteServer, defaultClientConditions, type ViteDevServer } from 'vite';
import { demoMediaHandler } from './demo-media.js';

const demoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(demoRoot, '..', '..');

/** Options of {@link startDemo}. */
export interface StartDemoOptions {
  /** Port of the demo page; 0 (default in tests) picks a free one. Default 5173. */
  port?: number;
  /** Where the sandbox keeps its objects. Default `.sandbox-data/` at the repository root. */
  dataDir?: string;
  /**
   * Reload the page when a source file changes (default true). Tests turn it off: on a shared
   * checkout, someone else's edit would reload the page under a running test.
   */
  watch?: boolean;
  /** Environment to read cloud keys from; default `process.env`. Keys present → the real clouds. */
  env?: Record<string, string | undefined>;
}

/**
 * The sandbox's `processing` option (issue #18, the sandbox's simulated transcoding). Spread in, so
 * this file also compiles against a sandbox built before the option.
 */
const SANDBOX_PROCESSING = { processing: { stageMs: 1500 } };

/** What the "Processing" stories' endpoint asks of each cloud: a task flow after the upload. */
export const DEMO_PROCEDURE = 'vod-uploader-demo';
export const DEMO_TEMPLATE_GROUP_ID = 'vod-uploader-demo';

/** A running demo: the page, the credential endpoint behind it, and the sandbox (unless real clouds). */
export interface RunningDemo {
  /** The demo page, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  /** The local cloud sandbox, or undefined when the environment names real clouds. */
  sandbox: Sandbox | undefined;
  /** Stops the page, the endpoint and the sandbox. */
  close(): Promise<void>;
}

/**
 * Starts everything a newcomer needs, with no cloud account: the sandbox, the credential endpoint
 * configured from its descriptor, and the Vite dev server of the demo, which proxies `/api/vod` (so
 * the page is same-origin with the endpoint) and `/_sandbox` (admin routes, for the stories and the
 * tests; the page's origin is the sandbox's one `adminOrigins` entry). URL imports may use loopback
 * only for the page's own `/_demo/media` (`policy.urlImport.allowHosts`, the sandbox's `importAllowHosts`). With the clouds' usual environment variables set, the endpoint uses the real clouds.
 *
 * `/api/vod-v2` is a second endpoint on the same sandbox with Tencent on the legacy v2 API (the
 * "Tencent (legacy v2)" story; sandbox only). `/api/vod-processing` is a third, whose `prepareUpload`
 * asks each upload for processing (Tencent `Procedure`, Alibaba `TemplateGroupId`), for the
 * "Processing" stories.
 *
 * Demo-only routes: `GET /_demo/descriptor` (the sandbox descriptor), `POST /_demo/expire-next-credential`
 * (the next upload credential the endpoint hands out arrives expired), `POST /_demo/cms/save` (the CMS
 * story's server: `{ videoId, videoTicket }` → `{ saved }` when `createMediaVerifier` proves it, else
 * `{ refused }`), and `/api/vod-down` (every
 * connection dropped: an endpoint that is down), `GET /_demo/media/*` (videos for the URL-import story
 * to import: `sample.mp4`, `cover.jpg`, `late.mp4?…`, which is 404 the first time; see `demo-media.ts`).
 */
export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  // REDIS_URL set: the endpoint keeps what instances share (onUploaded once, import dedup, rate
  // counts) in that Redis, with the sandbox or the real clouds alike.
  const { store, ...fromEnv } = configFromEnv(options.env ?? process.env);
  const useRealClouds = Object.keys(fromEnv).length > 0;
  const sandbox = useRealClouds
    ? undefined
    : await startSandbox({
        port: 0,
        dataDir: options.dataDir ?? join(repoRoot, '.sandbox-data'),
        // As on VOD's bucket: the account key writes only the paths of an open legacy v2 session.
        cosAccountKeyScope: 'v2-sessions',
        // Simulated transcoding of the "Processing" stories, a few seconds per stage so a person
        // (and the tests) see "Processing…" before "Ready" (issue #18).
        ...SANDBOX_PROCESSING,
      });
  const providers: ProviderConfigs = sandbox ? configFromSandboxDescriptor(sandbox.descriptor) : fromEnv;

  let expireNext = false;
  // Set once the endpoint's config is built (below): checks a CMS form's media id against its ticket.
  let saveArticle: (body: string) => { saved: string } | { refused: string } = () => ({
    refused: 'starting',
  });
  // Built once the page's own address is known: its `/_demo/media` is the one origin URL imports may
  // use on loopback (the endpoint refuses loopback and private hosts by default).
  let vodHandler: VodHandler | undefined;
  // The "Tencent (legacy v2)" story's endpoint: the same sandbox, Tencent on the legacy v2 API.
  let legacyV2Handler: VodHandler | undefined;
  // The "Processing" stories' endpoint: every upload asks for processing (Procedure, TemplateGroupId).
  let processingHandler: VodHandler | undefined;
  const handler: VodHandler = async (request) => {
    const path = new URL(request.url).pathname;
    const chosen = path.startsWith('/api/vod-v2/')
      ? legacyV2Handler
      : path.startsWith('/api/vod-processing/')
        ? processingHandler
        : vodHandler;
    if (!chosen) return new Response('starting', { status: 503 });
    const response = await chosen(request);
    // Expire right after the cloud issued the credential and before the browser receives it.
    if (
      expireNext &&
      sandbox &&
      /apply-upload|create-upload-(video|image)/.test(new URL(request.url).pathname)
    ) {
      expireNext = false;
      sandbox.context.credentials.expireAll();
    }
    return response;
  };
  const endpoint = createHttpServer(toNodeHandler(handler));
  await new Promise<void>((done) => endpoint.listen(0, '127.0.0.1', done));
  const endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;

  let vite: ViteDevServer;
  try {
    vite = await createViteServer({
      configFile: false,
      root: demoRoot,
      cacheDir: join(repoRoot, 'node_modules', '.vite-demo'),
      logLevel: 'warn',
      resolve: { conditions: ['source', ...defaultClientConditions] },
      plugins: [
        react(),
        {
          // A plugin's `configureServer` runs before Vite's own middlewares (and its SPA fallback).
          name: 'vod-demo-routes',
          configureServer(server) {
            server.middlewares.use('/_demo/descriptor', (_req, res) => {
              res.setHeader('content-type', 'application/json');
              res.end(JSON.stringify(sandbox?.descriptor ?? null));
            });
            server.middlewares.use('/_demo/expire-next-credential', (_req, res) => {
              expireNext = true;
              res.setHeader('content-type', 'application/json');
              res.end(JSON.stringify({ armed: Boolean(sandbox) }));
            });
            server.middlewares.use('/_demo/media', demoMediaHandler(join(repoRoot, 'tests', 'fixtures')));
            server.middlewares.use('/api/vod-down', (req) => {
              req.socket.destroy();
            });
            // The CMS story's "save": what an app's server does with a submitted media id.
            server.middlewares.use('/_demo/cms/save', (req, res) => {
              let body = '';
              req.setEncoding('utf8');
              req.on('data', (chunk: string) => {
                body += chunk;
              });
              req.on('end', () => {
                res.setHeader('content-type', 'application/json');
                res.end(JSON.stringify(saveArticle(body)));
              });
            });
          },
        },
      ],
      server: {
        host: '127.0.0.1',
        port: options.port ?? 5173,
        strictPort: options.port !== undefined,
        ...(options.watch === false ? { hmr: false, watch: null } : {}),
        // Transform the whole story graph at start, so dependency discovery is over before the first
        // page load (otherwise Vite may reload the page mid-visit to add a newly found dependency).
        warmup: { clientFiles: ['./src/main.tsx'] },
        proxy: {
          '/api/vod/': endpointUrl,
          '/api/vod-v2/': endpointUrl,
          '/api/vod-processing/': endpointUrl,
          // The sandbox's admin routes answer only to its own Host (a DNS-rebinding guard).
          ...(sandbox ? { '/_sandbox/': { target: sandbox.url, changeOrigin: true } } : {}),
        },
      },
    });
  } catch (error) {
    await Promise.all([closeServer(endpoint), sandbox?.close(), store?.close()]);
    throw error;
  }
  await vite.listen();
  const address = vite.httpServer?.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}/`;
  const pageHost = `127.0.0.1:${address.port}`;
  vodHandler = createVodHandler({
    basePath: '/api/vod',
    allowAnyone: true,
    ...providers,
    ...(store ? { store } : {}),
    ...(sandbox ? { policy: { urlImport: { allowHosts: [pageHost] } } } : {}),
    // The built-in limiter, higher than its default: every visitor of the demo is the one caller
    // `anyone`, and the benchmark sends 100 files through it at once.
    rateLimit: { limit: 1_000 },
  });
  // The same config as the endpoint's, so its tickets open here; every demo visitor is `anyone`.
  const verifyMedia = createMediaVerifier({ allowAnyone: true, ...providers });
  saveArticle = (body) => {
    try {
      const form = JSON.parse(body) as { videoId?: unknown; videoTicket?: unknown };
      const claim = { mediaId: String(form.videoId ?? ''), ticket: String(form.videoTicket ?? '') };
      return { saved: verifyMedia({ ...claim, callerId: 'anyone' }).mediaId };
    } catch (error) {
      return { refused: error instanceof Error ? error.message : String(error) };
    }
  };
  processingHandler = createVodHandler({
    basePath: '/api/vod-processing',
    allowAnyone: true,
    ...providers,
    // What an app does to have its uploads transcoded: the seed fields of each upload's application.
    prepareUpload: ({ action }) => {
      if (action === 'ApplyUpload') return { Procedure: DEMO_PROCEDURE };
      if (action === 'CreateUploadVideo') return { TemplateGroupId: DEMO_TEMPLATE_GROUP_ID };
      return undefined;
    },
    rateLimit: { limit: 1_000 },
  });
  if (sandbox) {
    legacyV2Handler = createVodHandler({
      basePath: '/api/vod-v2',
      allowAnyone: true,
      tencent: configFromSandboxDescriptor(sandbox.descriptor, { legacyV2: true }).tencent,
      rateLimit: { limit: 1_000 },
      ...(store ? { store } : {}),
    });
  }
  // The page may call the sandbox's admin routes, and the sandbox may import the page's demo media.
  sandbox?.allowAdminOrigin(`http://${pageHost}`);
  sandbox?.allowImportHost(pageHost);

  return {
    url,
    sandbox,
    async close() {
      await vite.close();
      await closeServer(endpoint);
      await sandbox?.close();
      await store?.close();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
