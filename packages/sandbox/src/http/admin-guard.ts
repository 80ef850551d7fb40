import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from './api-module.js';
import { sendJson } from './send.js';

/**
 * Guards `/_sandbox` (the descriptor holds the account keys; the admin routes change the sandbox)
 * against other web pages open in the same browser:
 * - `Host` must be the address the sandbox listens on (`127.0.0.1:<port>` or `localhost:<port>`),
 *   so a DNS-rebound name (`evil.example` → 127.0.0.1) is refused;
 * - an `Origin` must be one of `adminOrigins`, which alone get CORS (preflights included);
 * - a POST must say `Content-Type: application/json`, which no HTML form can send and which forces a
 *   preflight on any cross-origin `fetch`.
 * Returns true when the request may go on; otherwise it has been answered (403/415).
 */
export function guardAdmin(req: IncomingMessage, res: ServerResponse, ctx: SandboxContext): boolean {
  const { port, adminOrigins } = ctx.options;
  const host = (req.headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    sendJson(res, 403, {
      error: 'ForbiddenHost',
      message: `The sandbox admin routes answer only to Host 127.0.0.1:${port}`,
    });
    return false;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!adminOrigins.includes(origin)) {
      sendJson(res, 403, {
        error: 'ForbiddenOrigin',
        message: 'This origin may not call the sandbox admin routes (see the adminOrigins option)',
      });
      return false;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    res.setHeader('Access-Control-Max-Age', '600');
    res.writeHead(204).end();
    return false;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (req.method === 'POST' && type !== 'application/json') {
    sendJson(res, 415, {
      error: 'UnsupportedMediaType',
      message: 'Admin POSTs take Content-Type: application/json only',
    });
    return false;
  }
  return true;
}
