import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VodHandler } from './create-vod-handler.js';
import { sendWebResponse, toWebRequest } from './node-bridge.js';

/** A `node:http` request listener. */
export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Adapts the handler to `node:http` (and anything taking `(req, res)`: Connect, Fastify's raw mode).
 * @example
 * createServer(toNodeHandler(createVodHandler(config))).listen(3000);
 */
export function toNodeHandler(handler: VodHandler): NodeRequestListener {
  return async (req, res) => {
    try {
      await sendWebResponse(res, await handler(toWebRequest(req)), req);
    } catch {
      // Only the bridge itself can land here (the handler answers every error): drop the socket.
      res.destroy();
    }
  };
}
