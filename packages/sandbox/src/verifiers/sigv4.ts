import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * AWS Signature Version 4 as S3 checks it, as pure functions: parse the `Authorization` header or the
 * presigned query, rebuild the canonical request, compare signatures.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 */

/** The parts of an HTTP request SigV4 covers. */
export interface SigV4Request {
  method: string;
  /** The path as sent on the wire (percent-encoded). */
  rawPath: string;
  /** Query parameters, decoded, in wire order (duplicates kept). */
  query: Array<[string, string]>;
  /** Node-style headers: lower-case names. */
  headers: Record<string, string | string[] | undefined>;
}

/** What a request claims about its signature, from the header or the presigned query. */
export interface SigV4Claim {
  presigned: boolean;
  accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** `YYYYMMDDTHHMMSSZ` */
  amzDate: string;
  /** Presigned only: seconds the URL is valid after `amzDate`. */
  expiresSeconds?: number;
  /** `x-amz-security-token` (header, or query when presigned). */
  securityToken?: string;
  /** The hash the signature covers: hex sha256, `UNSIGNED-PAYLOAD` or a `STREAMING-*` marker. */
  payloadHash: string;
}

/** Why a claim could not even be parsed: maps to S3's `AuthorizationHeaderMalformed` & co. */
export class SigV4FormatError extends Error {
  constructor(
    readonly code: 'AuthorizationHeaderMalformed' | 'AuthorizationQueryParametersError' | 'InvalidRequest',
    message: string,
  ) {
    super(message);
    this.name = 'SigV4FormatError';
  }
}

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** The longest a presigned URL may live (7 days). */
export const MAX_PRESIGN_SECONDS = 604_800;

const AMZ_DATE = /^\d{8}T\d{6}Z$/;

/** Reads the SigV4 claim of a request; undefined when the request carries no SigV4 at all. */
export function parseSigV4(request: SigV4Request): SigV4Claim | undefined {
  const auth = header(request.headers, 'authorization');
  const query = new Map(request.query);
  if (auth !== undefined) return parseHeaderClaim(auth, request.headers);
  if (query.has('X-Amz-Algorithm') || query.has('X-Amz-Signature')) return parseQueryClaim(query);
  return undefined;
}

function parseHeaderClaim(auth: string, headers: SigV4Request['headers']): SigV4Claim {
  const malformed = (why: string) => new SigV4FormatError('AuthorizationHeaderMalformed', why);
  const space = auth.indexOf(' ');
  const algorithm = space < 0 ? auth : auth.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) {
    throw new SigV4FormatError('InvalidRequest', 'Only AWS4-HMAC-SHA256 signatures are supported.');
  }
  const fields = new Map<string, string>();
  for (const part of auth.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    throw malformed(
      'The authorization header is malformed; it needs Credential, SignedHeaders and Signature.',
    );
  }
  const amzDate = header(headers, 'x-amz-date') ?? '';
  if (!AMZ_DATE.test(amzDate)) {
    throw new SigV4FormatError('InvalidRequest', 'Missing or malformed x-amz-date header.');
  }
  const payloadHash = header(headers, 'x-amz-content-sha256');
  if (payloadHash === undefined) {
    throw new SigV4FormatError(
      'InvalidRequest',
      'Missing required header for this request: x-amz-content-sha256',
    );
  }
  return {
    presigned: false,
    ...parseSignedFields({ credential, signedHeaders, signature }, malformed),
    amzDate,
    securityToken: header(headers, 'x-amz-security-token'),
    payloadHash,
  };
}

function parseQueryClaim(query: Map<string, string>): SigV4Claim {
  const malformed = (why: string) => new SigV4FormatError('AuthorizationQueryParametersError', why);
  if (query.get('X-Amz-Algorithm') !== SIGV4_ALGORITHM) {
    throw malformed('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const credential = query.get('X-Amz-Credential');
  const amzDate = query.get('X-Amz-Date') ?? '';
  const expires = query.get('X-Amz-Expires') ?? '';
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  if (!credential || !signedHeaders || !signature) {
    throw malformed(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (!AMZ_DATE.test(amzDate)) {
    throw malformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  }
  if (!/^\d{1,7}$/.test(expires) || Number(expires) < 1 || Number(expires) > MAX_PRESIGN_SECONDS) {
    throw malformed('X-Amz-Expires must be a number between 1 and 604800 seconds.');
  }
  return {
    presigned: true,
    ...parseSignedFields({ credential, signedHeaders, signature }, malformed),
    amzDate,
    expiresSeconds: Number(expires),
    securityToken: query.get('X-Amz-Security-Token'),
    payloadHash: UNSIGNED_PAYLOAD,
  };
}

/** The fields the header and the presigned query both carry: credential scope, signed headers, signature. */
function parseSignedFields(
  fields: { credential: string; signedHeaders: string; signature: string },
  malformed: (why: string) => SigV4FormatError,
): Pick<SigV4Claim, 'accessKeyId' | 'scopeDate' | 'region' | 'service' | 'signedHeaders' | 'signature'> {
  return {
    ...parseCredential(fields.credential, malformed),
    signedHeaders: parseSignedHeaders(fields.signedHeaders, malformed),
    signature: fields.signature,
  };
}

function parseCredential(
  credential: string,
  malformed: (why: string) => SigV4FormatError,
): Pick<SigV4Claim, 'accessKeyId' | 'scopeDate' | 'region' | 'service'> {
  const parts = credential.split('/');
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  if (
    parts.length !== 5 ||
    !accessKeyId ||
    !/^\d{8}$/.test(scopeDate ?? '') ||
    !region ||
    !service ||
    terminator !== 'aws4_request'
  ) {
    throw malformed(
      `The credential "${credential}" is malformed; expected "<key>/<YYYYMMDD>/<region>/<service>/aws4_request".`,
    );
  }
  return { accessKeyId, scopeDate: scopeDate as string, region, service };
}

function parseSignedHeaders(list: string, malformed: (why: string) => SigV4FormatError): string[] {
  const names = list.split(';');
  if (names.some((n) => !/^[a-z0-9-]+$/.test(n)))
    throw malformed('SignedHeaders must be lower-case names separated by ";".');
  return names;
}

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Za-z0-9-._~` is `%XX`. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** S3's canonical URI: each path segment decoded once, then encoded once (S3 does not double-encode). */
export function canonicalUri(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => uriEncode(safeDecode(segment)))
    .join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The canonical request of the SigV4 spec; `X-Amz-Signature` never signs itself. */
export function canonicalRequest(request: SigV4Request, claim: SigV4Claim): string {
  const query = request.query
    .filter(([name]) => !(claim.presigned && name === 'X-Amz-Signature'))
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headers = claim.signedHeaders
    .map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}\n`)
    .join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(request.rawPath),
    query,
    headers,
    claim.signedHeaders.join(';'),
    claim.payloadHash,
  ].join('\n');
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const values = Array.isArray(value) ? value : [value ?? ''];
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

/** The scope string `<date>/<region>/<service>/aws4_request`. */
export function credentialScope(claim: SigV4Claim): string {
  return `${claim.scopeDate}/${claim.region}/${claim.service}/aws4_request`;
}

export function stringToSign(claim: SigV4Claim, canonical: string): string {
  return [SIGV4_ALGORITHM, claim.amzDate, credentialScope(claim), sha256Hex(canonical)].join('\n');
}

/** `HMAC("AWS4"+secret, date) → region → service → "aws4_request"`. */
export function signingKey(secret: string, claim: SigV4Claim): Buffer {
  const date = hmac(`AWS4${secret}`, claim.scopeDate);
  return hmac(hmac(hmac(date, claim.region), claim.service), 'aws4_request');
}

/** The signature the request should carry if it was signed with `secret`. */
export function expectedSignature(request: SigV4Request, claim: SigV4Claim, secret: string): string {
  return createHmac('sha256', signingKey(secret, claim))
    .update(stringToSign(claim, canonicalRequest(request, claim)))
    .digest('hex');
}

/** Constant-time comparison of the claimed signature with the expected one. */
export function signatureMatches(request: SigV4Request, claim: SigV4Claim, secret: string): boolean {
  const expected = Buffer.from(expectedSignature(request, claim, secret), 'utf8');
  const given = Buffer.from(claim.signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Epoch ms of an `x-amz-date` value. */
export function parseAmzDate(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function header(headers: SigV4Request['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
