import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VodHandler } from './create-vod-handler.js';
import { sendWebResponse, toWebRequest } from './node-bridge.js';

/** An Express (4 or 5) middleware, typed structurally so Express is not a dependency. */
export type ExpressMiddleware = (
  req: IncomingMessage & { originalUrl?: string; body?: unknown },
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Adapts the handler to Express. Mount it at the handler's base path; it routes on `originalUrl`,
 * and works before or after `express.json()`.
 * @example
 * app.use('/api/vod', toExpressMiddleware(createVodHandler(config)));
 */
export function toExpressMiddleware(handler: VodHandler): ExpressMiddleware {
  return (req, res, next) => {
    handler(toWebRequest(req))
      .then((response) => sendWebResponse(res, response, req))
      .catch(next);
  };
}
