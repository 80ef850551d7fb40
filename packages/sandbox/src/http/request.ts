import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, pipeline, type Readable, Transform } from 'node:stream';
import type { Faults } from '../faults.js';
import type { RequestRecord } from '../request-log.js';
import type { ApiRequest } from './api-module.js';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`);
  }
}

/**
 * The request's path as sent, before URL parsing: `new URL` removes `.` and `..` segments, but an
 * object store's keys are flat strings (`a/../b` is a key of its own) and signatures cover the raw path.
 */
export function rawPathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const query = raw.indexOf('?');
  return query < 0 ? raw : raw.slice(0, query);
}

/** Wraps a Node request with byte-counting body readers. */
export function makeApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  record: RequestRecord,
  faults: Faults,
): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  // Bytes are counted by the readers below, never by an eager 'data' listener: one would switch the
  // request to flowing mode and drop the body while a handler awaits before reading it.
  const count = (chunk: Buffer) => {
    record.bytesIn += chunk.length;
  };
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
          count(chunk);
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
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          count(chunk);
          done(null, chunk);
        },
      });
      req.on('close', () => {
        if (!req.complete) counted.destroy(new Error('The client aborted the request body.'));
      });
      const throttle = faults.throttle();
      const corrupter = faults.corrupter(req);
      const label = faults.labelOf(req);
      if (label) record.fault = label;
      // pipeline() destroys every stage when one fails (a client that aborts mid-body), so the error
      // reaches the reader at the end instead of surfacing as an unhandled 'error' on a middle stage.
      // The last PassThrough buffers (with backpressure) until the handler starts reading.
      const out = new PassThrough();
      const stages: NodeJS.ReadWriteStream[] = [counted];
      if (throttle) stages.push(throttle);
      if (corrupter) stages.push(corrupter);
      pipeline([req, ...stages, out], () => {});
      return out;
    },
  };
}
