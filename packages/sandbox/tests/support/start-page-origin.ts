import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page origin on loopback: its `url` and how to stop it. */
export interface PageOrigin {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves an empty HTML page (titled `title`) on 127.0.0.1, port 0, for the browser specs: the page
 * comes from another origin than the sandbox, so every cloud call the page makes is a CORS request.
 * `close` drops kept-alive connections first, so Chromium's open sockets never hold it up.
 */
export async function startPageOrigin(title: string): Promise<PageOrigin> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>${title}</title>`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
