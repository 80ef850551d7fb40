import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The fields of a COS `q-sign` Authorization (header or query string). */
export interface CosAuthorization {
  algorithm: string;
  accessKeyId: string;
  /** `q-sign-time` as `[start, end]`, Unix seconds: when the signature is valid. */
  signTime: CosTimeWindow;
  /** `q-key-time` as sent (the SignKey is the HMAC of this exact text). */
  keyTime: string;
  /** `q-key-time` as `[start, end]`, Unix seconds: when the SignKey is valid. */
  keyWindow: CosTimeWindow;
  headerList: string[];
  urlParamList: string[];
  signature: string;
}

/** A `q-sign-time` or `q-key-time` value, `[start, end]` in Unix seconds, start not after end. */
export type CosTimeWindow = [start: number, end: number];

/**
 * Parses `q-sign-algorithm=sha1&q-ak=…&q-signature=…`; undefined when a field is missing or malformed,
 * a time pair included: `q-sign-time` and `q-key-time` must each be `<start>;<end>` in Unix seconds
 * with the start not after the end.
 */
export function parseCosAuthorization(value: string): CosAuthorization | undefined {
  const fields = new Map<string, string>();
  for (const pair of value.trim().split('&')) {
    const at = pair.indexOf('=');
    if (at > 0) fields.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const signTime = timeWindow(fields.get('q-sign-time'));
  const keyTime = fields.get('q-key-time');
  const keyWindow = timeWindow(keyTime);
  const accessKeyId = fields.get('q-ak');
  const signature = fields.get('q-signature');
  const headerList = fields.get('q-header-list');
  const urlParamList = fields.get('q-url-param-list');
  if (
    !signTime ||
    !keyTime ||
    !keyWindow ||
    !accessKeyId ||
    !signature ||
    !/^[0-9a-f]{40}$/.test(signature) ||
    headerList === undefined ||
    urlParamList === undefined
  ) {
    return undefined;
  }
  return {
    algorithm: fields.get('q-sign-algorithm') ?? '',
    accessKeyId,
    signTime,
    keyTime,
    keyWindow,
    headerList: headerList ? headerList.split(';') : [],
    urlParamList: urlParamList ? urlParamList.split(';') : [],
    signature,
  };
}

function timeWindow(value: string | undefined): CosTimeWindow | undefined {
  const pair = /^(\d{1,12});(\d{1,12})$/.exec(value ?? '');
  if (!pair) return undefined;
  // Kept when reversed: a window that ended is "expired" whatever its start (see cosSignTimeRefusal).
  return [Number(pair[1]), Number(pair[2])];
}

/**
 * Whether the signature may be used at `now` (Unix seconds): both `q-sign-time` (the signature's
 * validity) and `q-key-time` (the SignKey's) must contain it. A window that ended is `'expired'`; one
 * that starts more than `skewSeconds` after `now` is `'too-early'` (a client clock running ahead); one
 * that starts after it ends (and has not ended) is `'malformed'`; otherwise undefined.
 * @see https://www.tencentcloud.com/document/product/436/7778 (Request Signature: q-sign-time, q-key-time)
 */
export function cosSignTimeRefusal(
  auth: CosAuthorization,
  now: number,
  skewSeconds: number,
): 'expired' | 'too-early' | 'malformed' | undefined {
  const windows = [auth.signTime, auth.keyWindow];
  // First: a client signing with a credential that expired before its start time (a paused upload
  // resumed late) must read as an expiry, the answer it renews its credential on.
  if (windows.some(([, end]) => now > end)) return 'expired';
  if (windows.some(([start, end]) => start > end)) return 'malformed';
  if (windows.some(([start]) => start > now + skewSeconds)) return 'too-early';
  return undefined;
}

/** What the signature covers of a request. */
export interface CosSignedRequest {
  method: string;
  /** The decoded path the client signed, e.g. `/video/f0.mp4` (see `verifyCosSignature`). */
  pathname: string;
  /** Query parameters as received (names in any case). */
  query: Iterable<[string, string]>;
  /** Header values by lower-case name. */
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Checks a `q-sign` (sha1) signature the way cos-js-sdk-v5 and cos-nodejs-sdk-v5 compute it:
 * SignKey = HMAC-SHA1(SecretKey, KeyTime); FormatString = `method\npath\nparams\nheaders\n` with the
 * listed parameter/header names lower-cased and their values encoded like `camSafeUrlEncode`;
 * StringToSign = `sha1\nSignTime\nsha1(FormatString)\n`.
 * Only the names in `q-header-list` / `q-url-param-list` count, as on COS.
 * @see https://www.tencentcloud.com/document/product/436/7778 (Request Signature)
 */
export function verifyCosSignature(
  auth: CosAuthorization,
  request: CosSignedRequest,
  secretKey: string,
): boolean {
  if (auth.algorithm !== 'sha1') return false;
  const expected = cosSignature(auth, request, secretKey);
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(auth.signature, 'hex'));
}

/** The hex `q-signature` for a request (exported for tests). */
export function cosSignature(auth: CosAuthorization, request: CosSignedRequest, secretKey: string): string {
  const params = new Map<string, string>();
  for (const [name, value] of request.query) {
    const lower = camSafeUrlEncode(name).toLowerCase();
    if (!params.has(lower)) params.set(lower, value);
  }
  const paramString = pairs(auth.urlParamList, (name) => params.get(name) ?? '');
  const headerString = pairs(auth.headerList, (name) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : (value ?? '');
  });
  const formatString = `${request.method.toLowerCase()}\n${request.pathname}\n${paramString}\n${headerString}\n`;
  const signTime = `${auth.signTime[0]};${auth.signTime[1]}`;
  const signKey = createHmac('sha1', secretKey).update(auth.keyTime).digest('hex');
  const stringToSign = `sha1\n${signTime}\n${createHash('sha1').update(formatString).digest('hex')}\n`;
  return createHmac('sha1', signKey).update(stringToSign).digest('hex');
}

function pairs(names: string[], lookup: (name: string) => string): string {
  return [...names]
    .sort()
    .map((name) => `${name}=${camSafeUrlEncode(lookup(name))}`)
    .join('&');
}

/** `encodeURIComponent` plus `!'()*`, the encoding COS signs with. */
export function camSafeUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
