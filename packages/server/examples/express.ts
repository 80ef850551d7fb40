/**
 * The endpoint as Express middleware, against a local sandbox (no cloud account needed).
 * Run: node --conditions=source --import tsx packages/server/examples/express.ts
 */
import { startSandbox } from '@vod-uploader/sandbox';
import {
  configFromSandboxDescriptor,
  createVodHandler,
  refuse,
  toExpressMiddleware,
} from '@vod-uploader/server';
import express from 'express';

const sandbox = await startSandbox();
const app = express();
app.use(
  '/api/vod',
  toExpressMiddleware(
    createVodHandler({
      ...configFromSandboxDescriptor(sandbox.descriptor),
      authorize: (request) =>
        request.headers.get('authorization') === 'Bearer demo' ? { id: 'demo-user' } : refuse('unauthorized'),
    }),
  ),
);
app.listen(8788, '127.0.0.1', () => console.log('credential endpoint on http://127.0.0.1:8788/api/vod'));
