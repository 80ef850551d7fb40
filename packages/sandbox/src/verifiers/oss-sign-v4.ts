import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The parts of an `OSS4-HMAC-SHA256` Authorization header. */
export interface OssV4Authorization {
  accessKeyId: string;
  /** `yyyymmdd` of the credential scope. */
  date: string;
  region: string;
  product: string;
  additionalHeaders: string[];
  signature: string;
}

/**
 * Parses `OSS4-HMAC-SHA256 Credential=<id>/<yyyymmdd>/<region>/oss/aliyun_v4_request,
 * AdditionalHeaders=<a;b>,Signature=<hex>` (commas with or without spaces).
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/recommend-to-use-signature-version-4
 */
export function parseOssV4Authorization(header: string): OssV4Authorization | undefined {
  const match = /^OSS4-HMAC-SHA256\s+(.*)$/.exec(header.trim());
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const part of match[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return ossV4AuthorizationOf(
    fields.get('Credential'),
    fields.get('AdditionalHeaders'),
    fields.get('Signature'),
  );
}

/**
 * The same fields from a V4 presigned URL (`signatureUrlV4`): `x-oss-credential`,
 * `x-oss-additional-headers` and `x-oss-signature`.
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/add-signatures-to-urls
 */
export function parseOssV4Query(query: URLSearchParams): OssV4Authorization | undefined {
  return ossV4AuthorizationOf(
    query.get('x-oss-credential') ?? undefined,
    query.get('x-oss-additional-headers') ?? undefined,
    query.get('x-oss-signature') ?? undefined,
  );
}

function ossV4AuthorizationOf(
  credential = '',
  additional: string | undefined,
  signature = '',
): OssV4Authorization | undefined {
  const scope = credential.split('/');
  if (
    scope.length !== 5 ||
    scope[4] !== 'aliyun_v4_request' ||
    !/^\d{8}$/.test(scope[1]!) ||
    !/^[0-9a-f]{64}$/.test(signature)
  ) {
    return undefined;
  }
  return {
    accessKeyId: scope[0]!,
    date: scope[1]!,
    region: scope[2]!,
    product: scope[3]!,
    additionalHeaders: additional ? additional.split(';').map((h) => h.trim().toLowerCase()) : [],
    signature,
  };
}

/** RFC 3986 encoding as OSS V4 wants it (`encodeURIComponent` plus `! ' ( ) *`). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** What an OSS V4 signature covers. */
export interface OssV4Request {
  method: string;
  /** `/<bucket>/<decoded key>`, or `/<bucket>/` for bucket operations. */
  resourcePath: string;
  /** Every query parameter, decoded. A parameter without value is signed as its bare name. */
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  additionalHeaders: string[];
}

/**
 * The canonical request of OSS signature V4, as ali-oss builds it (`signUtils.getCanonicalRequest`):
 * method, URI-encoded resource (slashes kept), sorted encoded query, the signed headers
 * (`content-type`, `content-md5`, `x-oss-*` and the additional ones) one per line, the additional
 * header names, and `x-oss-content-sha256` (or `UNSIGNED-PAYLOAD`).
 */
export function ossV4CanonicalRequest(request: OssV4Request): string {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(',') : value);
  }
  const query = [...request.query]
    .map(([key, value]) => [encode(key), value === '' ? '' : encode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => (value === '' ? key : `${key}=${value}`))
    .join('&');
  const signed = new Set(request.additionalHeaders);
  for (const name of headers.keys()) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) signed.add(name);
  }
  const canonicalHeaders = [...signed]
    .sort()
    .map((name) => `${name}:${(headers.get(name) ?? '').trim()}\n`)
    .join('');
  return [
    request.method.toUpperCase(),
    encode(request.resourcePath).replace(/%2F/g, '/'),
    query,
    canonicalHeaders,
    request.additionalHeaders.join(';'),
    headers.get('x-oss-content-sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
}

/** `OSS4-HMAC-SHA256\n<x-oss-date>\n<yyyymmdd>/<region>/<product>/aliyun_v4_request\n<sha256(canonical)>`. */
export function ossV4StringToSign(
  dateTime: string,
  region: string,
  product: string,
  canonicalRequest: string,
): string {
  return [
    'OSS4-HMAC-SHA256',
    dateTime,
    `${dateTime.slice(0, 8)}/${region}/${product}/aliyun_v4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
}

/** hex(HMAC-SHA256) with the key derived from `"aliyun_v4" + secret` → date → region → product → `aliyun_v4_request`. */
export function ossV4Signature(
  secret: string,
  date: string,
  region: string,
  product: string,
  stringToSign: string,
): string {
  let key: Buffer = createHmac('sha256', `aliyun_v4${secret}`).update(date).digest();
  for (const part of [region, product, 'aliyun_v4_request'])
    key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

/** Constant-time check of a V4 signature. */
export function verifyOssV4Signature(
  secret: string,
  auth: OssV4Authorization,
  stringToSign: string,
): boolean {
  const expected = Buffer.from(ossV4Signature(secret, auth.date, auth.region, auth.product, stringToSign));
  const given = Buffer.from(auth.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
