import type { ServerResponse } from 'node:http';

/** Answers `body` as JSON with `status` (the VOD RPC APIs and the admin routes). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answers an XML document (see `xmlDocument`) with `status`. */
export function sendXml(
  res: ServerResponse,
  status: number,
  xml: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(xml),
    ...headers,
  });
  res.end(xml);
}

/**
 * Answers a refusal's `<Error>` document; to a HEAD request the status and headers only, as S3, COS and
 * OSS do (a HEAD answer has no body, so the code reaches the client as the status alone).
 */
export function sendXmlError(
  res: ServerResponse,
  status: number,
  xml: string,
  headers: Record<string, string>,
): void {
  if (res.req?.method === 'HEAD')
    res.writeHead(status, { 'content-type': 'application/xml', ...headers }).end();
  else sendXml(res, status, xml, headers);
}
