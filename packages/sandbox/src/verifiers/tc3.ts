import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Why a TC3-HMAC-SHA256 request was refused, as Tencent Cloud API 3.0 names it. */
export type Tc3FailureCode =
  | 'AuthFailure.InvalidAuthorization'
  | 'AuthFailure.SecretIdNotFound'
  | 'AuthFailure.SignatureExpire'
  | 'AuthFailure.SignatureFailure'
  | 'MissingParameter'
  | 'InvalidParameter';

/** What a verifier needs of a request: the raw pieces the client signed. */
export interface Tc3Request {
  method: string;
  /** URL path, e.g. `/`. */
  path: string;
  /** Raw query string without `?` (empty for POST). */
  query: string;
  /** Header values by lower-case name (Node's `IncomingHttpHeaders`). */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface Tc3VerifyOptions {
  /** The SecretKey of a SecretId, or undefined when the id is unknown. */
  secretKeyOf(secretId: string): string | undefined;
  /** The verifier's "now", Unix seconds. */
  nowSeconds: number;
  /** Allowed distance between `X-TC-Timestamp` and now, seconds. */
  windowSeconds: number;
  /** Service names accepted in the credential scope (e.g. `vod`). */
  services: string[];
}

export type Tc3Result =
  | { ok: true; secretId: string; service: string; timestamp: number }
  | { ok: false; code: Tc3FailureCode; message: string };

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Verifies a Tencent Cloud API 3.0 request signed with TC3-HMAC-SHA256.
 *
 * The host is canonicalised the way `tencentcloud-sdk-nodejs-common` signs it, which is the URL's
 * hostname WITHOUT the port (the real endpoints never carry one); a signature over `host:port` is
 * accepted too, so clients that sign the Host header they send also pass.
 * @see https://www.tencentcloud.com/document/api/213/33224 (Signature v3)
 */
export function verifyTc3(request: Tc3Request, options: Tc3VerifyOptions): Tc3Result {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return fail('AuthFailure.InvalidAuthorization', 'The Authorization header is missing.');
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match) {
    return fail('AuthFailure.InvalidAuthorization', 'The Authorization header is not TC3-HMAC-SHA256.');
  }
  const [, secretId = '', date = '', service = '', signedHeaders = '', signature = ''] = match;

  const timestampText = header(request.headers, 'x-tc-timestamp');
  if (!timestampText) return fail('MissingParameter', 'The X-TC-Timestamp header is missing.');
  if (!/^\d{1,12}$/.test(timestampText)) {
    return fail('InvalidParameter', 'X-TC-Timestamp must be a Unix time in seconds.');
  }
  const timestamp = Number(timestampText);
  if (Math.abs(options.nowSeconds - timestamp) > options.windowSeconds) {
    return fail(
      'AuthFailure.SignatureExpire',
      `Signature expired: X-TC-Timestamp ${timestamp} is more than ${options.windowSeconds}s from the server time ${options.nowSeconds}.`,
    );
  }

  const secretKey = options.secretKeyOf(secretId);
  if (secretKey === undefined) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');

  if (date !== utcDate(timestamp)) {
    return fail('AuthFailure.SignatureFailure', 'The credential scope date does not match X-TC-Timestamp.');
  }
  if (!options.services.includes(service)) {
    return fail('AuthFailure.SignatureFailure', `The credential scope service "${service}" is wrong.`);
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('content-type')) {
    return fail('AuthFailure.SignatureFailure', 'SignedHeaders must include content-type and host.');
  }

  const hostHeader = header(request.headers, 'host') ?? '';
  const hosts = [...new Set([hostHeader.replace(/:\d+$/, ''), hostHeader])];
  const expected = Buffer.from(signature, 'hex');
  for (const host of hosts) {
    const computed = tc3Signature({ ...request, host, names, timestamp, date, service, secretKey });
    if (timingSafeEqual(Buffer.from(computed, 'hex'), expected)) {
      return { ok: true, secretId, service, timestamp };
    }
  }
  return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
}

/** The hex signature a client with `secretKey` would send (exported for tests and the demo). */
export function tc3Signature(input: {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  host: string;
  names: string[];
  timestamp: number;
  date: string;
  service: string;
  secretKey: string;
}): string {
  const canonicalHeaders = input.names
    .map((name) => {
      const value = name === 'host' ? input.host : (header(input.headers, name) ?? '');
      return `${name}:${value.trim().toLowerCase()}\n`;
    })
    .join('');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.path,
    input.query,
    canonicalHeaders,
    input.names.join(';'),
    sha256Hex(input.body),
  ].join('\n');
  const scope = `${input.date}/${input.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const kDate = hmac(`TC3${input.secretKey}`, input.date);
  const kService = hmac(kDate, input.service);
  const kSigning = hmac(kService, 'tc3_request');
  return createHmac('sha256', kSigning).update(stringToSign).digest('hex');
}

/** `YYYY-MM-DD` (UTC) of a Unix time in seconds, as the credential scope carries it. */
export function utcDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

function header(headers: Tc3Request['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function fail(code: Tc3FailureCode, message: string): Tc3Result {
  return { ok: false, code, message };
}
