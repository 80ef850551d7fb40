import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import type { Faults } from '../faults.js';
import type { RequestRecord } from '../request-log.js';
import type { ApiRequest } from './api-module.js';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`);
  }
}

/** Wraps a Node request with byte-counting body readers. */
export function makeApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  record: RequestRecord,
  faults: Faults,
): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  req.on('data', (chunk: Buffer) => {
    record.bytesIn += chunk.length;
  });
  return {
    req,
    res,
    url,
    record,
    body(limit = 1 << 20) {
      return new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            req.pause();
            reject(new BodyTooLargeError(limit));
            return;
          }
          chunks.push(chunk);
        });
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
      });
    },
    bodyStream(): Readable {
      const throttle = faults.throttle();
      if (!throttle) return req;
      req.on('error', (error) => throttle.destroy(error));
      return req.pipe(throttle).pipe(new PassThrough());
    },
  };
}
