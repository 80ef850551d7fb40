import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { listen } from './harness.js';

export const SAMPLE_MP4 = readFileSync(
  fileURLToPath(new URL('../../../tests/fixtures/sample-6s-640x360.mp4', import.meta.url)),
);
export const COVER_JPG = readFileSync(
  fileURLToPath(new URL('../../../tests/fixtures/cover-1280x720.jpg', import.meta.url)),
);

/**
 * A local origin the sandbox's URL-import tasks download from: `/sample.mp4` is the fixture. It is on
 * 127.0.0.1, which the endpoint refuses by default: list `host` in `policy.urlImport.allowHosts`.
 */
export async function startMediaOrigin(): Promise<{ url: string; host: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/sample.mp4')) {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': SAMPLE_MP4.length });
      res.end(SAMPLE_MP4);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  await listen(server);
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
