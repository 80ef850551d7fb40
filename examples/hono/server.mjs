/**
 * The credential endpoint under /api/vod and the built page (dist/) from one Hono app on Node.
 * SANDBOX_URL=http://127.0.0.1:8787 uses the local sandbox (anyone may upload); without it the real
 * clouds from the usual environment variables, behind your own `authorize`.
 */
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { configFromEnv, configFromSandboxDescriptor, createVodHandler, refuse } from '@vod-uploader/server';
import { Hono } from 'hono';

const sandboxUrl = process.env.SANDBOX_URL;
// REDIS_URL=redis://…: several instances share one Redis (onUploaded once, import dedup, rate limits).
const { store, ...fromEnv } = configFromEnv(process.env);
const clouds = sandboxUrl
  ? configFromSandboxDescriptor(await (await fetch(`${sandboxUrl}/_sandbox/descriptor`)).json())
  : fromEnv;

const vodHandler = createVodHandler({
  ...clouds,
  ...(store ? { store } : {}),
  ...(sandboxUrl
    ? { allowAnyone: true }
    : // Replace with your session lookup: return the user ({ id, ... }) or refuse.
      { authorize: async () => refuse('unauthorized') }),
  onUploaded: ({ provider, mediaId, caller }) => console.log('uploaded', provider, mediaId, caller.id),
});

const app = new Hono();
// The handler is web-standard (Request → Response): Hono hands it the raw request.
app.all('/api/vod/*', (c) => vodHandler(c.req.raw));
app.use('/*', serveStatic({ root: './dist' }));

const port = Number(process.env.PORT ?? 3000);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log(`http://127.0.0.1:${port}`));
