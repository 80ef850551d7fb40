import { connect, type Socket } from 'node:net';

/** A raw TCP connection to an endpoint, for requests no HTTP client sends (a trickled or endless body). */
export interface RawConnection {
  socket: Socket;
  /** Everything the endpoint has answered so far. */
  received(): string;
  /** Resolves once the endpoint (or the socket) has closed the connection. */
  closed: Promise<void>;
}

/**
 * Opens a raw connection to `endpoint`'s port on loopback: the tests of what the handler does to a
 * client still sending (408 for a slow body, 413 for an endless one) write the request bytes by hand.
 */
export function rawConnection(endpoint: string): RawConnection {
  const { port } = new URL(endpoint);
  const socket = connect(Number(port), '127.0.0.1');
  let received = '';
  socket.on('data', (data) => {
    received += data.toString();
  });
  const closed = new Promise<void>((done) => socket.on('close', () => done()));
  return { socket, received: () => received, closed };
}
