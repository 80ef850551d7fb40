import type { IncomingMessage, ServerResponse } from 'node:http';

/** Response headers a browser upload needs to read (ETag above all: without it multipart fails). */
const EXPOSED = [
  'ETag',
  'Content-Length',
  'Content-Range',
  'Date',
  'x-cos-request-id',
  'x-cos-hash-crc64ecma',
  'x-cos-version-id',
  'x-oss-request-id',
  'x-oss-hash-crc64ecma',
  'x-amz-request-id',
  'x-amz-version-id',
  'x-amz-checksum-crc32',
  'x-amz-checksum-crc32c',
  'x-amz-checksum-crc64nvme',
  'x-amz-checksum-sha1',
  'x-amz-checksum-sha256',
  'x-amz-checksum-type',
].join(', ');

/** CORS like a bucket configured for browser uploads: any origin, any method, any header. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
}

/** Answers a preflight; returns true when the request was one. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, DELETE, HEAD');
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(200).end();
  return true;
}
