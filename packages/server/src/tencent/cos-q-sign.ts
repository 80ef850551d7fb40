import { createHash, createHmac } from 'node:crypto';

/** One COS request to sign, as it will be sent. */
export interface CosSignInput {
  secretId: string;
  secretKey: string;
  method: string;
  /** The path COS verifies, `/<key>` (decoded). */
  pathname: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Validity, Unix seconds. */
  start: number;
  end: number;
}

/**
 * The COS XML API request signature (`q-sign-algorithm=sha1…`), the `Authorization` header value.
 * SignKey = HMAC-SHA1(SecretKey, KeyTime); FormatString = method, path, sorted lower-cased query
 * and headers (values URL-encoded); StringToSign = `sha1\n<KeyTime>\n<sha1(FormatString)>\n`.
 * @see https://cloud.tencent.com/document/product/436/7778 (request signature)
 */
export function cosQSign(input: CosSignInput): string {
  const keyTime = `${input.start};${input.end}`;
  const query = canonical(input.query);
  const headers = canonical(input.headers);
  const format = `${input.method.toLowerCase()}\n${input.pathname}\n${query.pairs}\n${headers.pairs}\n`;
  const signKey = createHmac('sha1', input.secretKey).update(keyTime).digest('hex');
  const stringToSign = `sha1\n${keyTime}\n${createHash('sha1').update(format).digest('hex')}\n`;
  const signature = createHmac('sha1', signKey).update(stringToSign).digest('hex');
  return [
    'q-sign-algorithm=sha1',
    `q-ak=${input.secretId}`,
    `q-sign-time=${keyTime}`,
    `q-key-time=${keyTime}`,
    `q-header-list=${headers.names}`,
    `q-url-param-list=${query.names}`,
    `q-signature=${signature}`,
  ].join('&');
}

function canonical(values: Record<string, string>): { names: string; pairs: string } {
  const entries = Object.entries(values)
    .map(([name, value]) => [encode(name.toLowerCase()), encode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    names: entries.map(([name]) => name).join(';'),
    pairs: entries.map(([name, value]) => `${name}=${value}`).join('&'),
  };
}

/** RFC 3986 encoding, as COS signs (`!'()*` escaped too). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
