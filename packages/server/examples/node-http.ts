/**
 * The endpoint on plain node:http, against a local sandbox (no cloud account needed).
 * Run: node --conditions=source --import tsx packages/server/examples/node-http.ts
 * Then: curl -s localhost:3000/api/vod/tencent/apply-upload -H 'content-type: application/json' \
 *         -H 'authorization: Bearer demo' -d '{"mediaType":"mp4","fileSize":1000}'
 */
import { createServer } from 'node:http';
import { startSandbox } from '@vod-uploader/sandbox';
import { configFromSandboxDescriptor, createVodHandler, refuse, toNodeHandler } from '@vod-uploader/server';

const sandbox = await startSandbox();
const handler = createVodHandler({
  ...configFromSandboxDescriptor(sandbox.descriptor),
  // Replace with your session check: return the user, or refuse.
  authorize: (request) =>
    request.headers.get('authorization') === 'Bearer demo' ? { id: 'demo-user' } : refuse('unauthorized'),
  policy: { maxFileSize: 2 * 1024 ** 3 },
  onUploaded: (event) => console.log('uploaded', event.provider, event.mediaId),
});
createServer(toNodeHandler(handler)).listen(3000, '127.0.0.1', () =>
  console.log('credential endpoint on http://127.0.0.1:3000/api/vod'),
);
