import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A node:http proxy on 127.0.0.1 that sends each request to the next of its targets in turn. */
export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** How many requests each target got, in the order of `targets`. */
  counts: number[];
  close(): Promise<void>;
}

/**
 * Starts a round-robin proxy in front of `targets` (origins such as `http://127.0.0.1:4001`), as a
 * load balancer would spread requests over instances: request n goes to target n mod length.
 * A target that cannot be reached answers 502, so a test sees which instance was down.
 */
export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const counts = targets.map(() => 0);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const index = next++ % targets.length;
    counts[index] = (counts[index] ?? 0) + 1;
    const target = new URL(incoming.url ?? '/', targets[index]);
    const forwarded = request(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host }, agent },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end('proxy: target unreachable');
    });
    incoming.pipe(forwarded);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
