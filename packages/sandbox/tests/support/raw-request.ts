import { request } from 'node:http';

/** What a raw request got back: the status and the body as text. */
export interface RawAnswer {
  status: number;
  body: string;
}

/** A request sent as given: no URL parsing, no added headers. */
export interface RawRequest {
  host: string;
  port: number | string;
  method: string;
  /** The request target exactly as it goes on the wire (malformed on purpose in the fuzzers). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  timeoutMs: number;
}

/**
 * Sends one HTTP request with Node's client as given (a fresh connection, nothing normalised) and
 * reads the whole answer: the fuzzers send malformed paths and headers that fetch or an SDK would
 * refuse or rewrite. A request with no answer within `timeoutMs` fails, so a hang is a failure.
 */
export function rawRequest({
  host,
  port,
  method,
  path,
  headers,
  body,
  timeoutMs,
}: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}
