/**
 * The credential endpoint under /api/vod and the built page (dist/) from one Express server.
 * SANDBOX_URL=http://127.0.0.1:8787 uses the local sandbox (anyone may upload); without it the real
 * clouds from the usual environment variables, behind your own `authorize`.
 */
import {
  configFromEnv,
  configFromSandboxDescriptor,
  createVodHandler,
  refuse,
  toExpressMiddleware,
} from '@vod-uploader/server';
import express from 'express';

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

const app = express();
app.use('/api/vod', toExpressMiddleware(vodHandler));
app.use(express.static('dist'));
const port = Number(process.env.PORT ?? 3000);
app.listen(port, '127.0.0.1', () => console.log(`http://127.0.0.1:${port}`));
