import { createHmac, timingSafeEqual } from 'node:crypto';

/** The host the legacy v2 API signs by default. */
export const V2_SIGNED_HOST = 'vod.api.qcloud.com';

const ALGORITHMS = { HmacSHA1: 'sha1', HmacSHA256: 'sha256' } as const;

/**
 * The legacy QcloudApi v2 signature: base64(HMAC(SecretKey, METHOD + host + path + '?' + params)),
 * params sorted by name, `name=value` with raw values, `_` in names written `.`, `Signature` left out.
 * @see https://cloud.tencent.com/document/api/213/6984 (legacy API signing)
 */
export function v2Signature(input: {
  method: string;
  host: string;
  path: string;
  params: Map<string, string>;
  secretKey: string;
  signatureMethod: keyof typeof ALGORITHMS;
}): string {
  const query = [...input.params.entries()]
    .filter(([name]) => name !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name.replace(/_/g, '.')}=${value}`)
    .join('&');
  const plain = `${input.method.toUpperCase()}${input.host}${input.path}?${query}`;
  return createHmac(ALGORITHMS[input.signatureMethod], input.secretKey).update(plain).digest('base64');
}

export function isV2SignatureMethod(value: string): value is keyof typeof ALGORITHMS {
  return Object.hasOwn(ALGORITHMS, value);
}

/**
 * True when `signature` matches for one of `hosts`: the sandbox accepts a signature over
 * `vod.api.qcloud.com` (what legacy clients hard-code) or over the Host actually used. The strings
 * are compared as sent (constant time), not decoded: base64 decoding would take junk, missing
 * padding, the base64url alphabet or spaces as the same signature.
 */
export function verifyV2Signature(
  signature: string,
  hosts: string[],
  input: Omit<Parameters<typeof v2Signature>[0], 'host'>,
): boolean {
  const given = Buffer.from(signature);
  return hosts.some((host) => {
    const expected = Buffer.from(v2Signature({ ...input, host }));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
