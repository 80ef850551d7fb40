import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * A web `Request` for a Node request. The body streams through unread, so the handler's 64 KiB
 * limit applies; a body a framework already parsed (`req.body`, e.g. `express.json()`) is
 * re-serialised instead. `originalUrl` (Express) keeps the mount path the handler routes on.
 */
export function toWebRequest(req: IncomingMessage & { originalUrl?: string; body?: unknown }): Request {
  const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
  const host = /^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(req.headers.host ?? '')
    ? req.headers.host
    : 'localhost';
  const url = `${secure ? 'https' : 'http'}://${host}${req.originalUrl ?? req.url ?? '/'}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  if (req.body !== undefined && req.readableEnded) {
    const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    headers.delete('content-length');
    return new Request(url, { method, headers, body: text });
  }
  return new Request(url, {
    method,
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
}

/**
 * Writes a web `Response` to a Node response (the handler's answers are small JSON). When the
 * handler answered before the request body ended (a refusal, a 413), the connection closes after
 * the answer: the rest of that body must not be read as the next request.
 */
export async function sendWebResponse(
  res: ServerResponse,
  response: Response,
  req?: IncomingMessage,
): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body) headers['content-length'] = String(body.byteLength);
  if (req && !req.complete) headers.connection = 'close';
  res.writeHead(response.status, headers);
  res.end(body);
}
