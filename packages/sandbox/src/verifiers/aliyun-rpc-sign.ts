import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * RFC 3986 percent-encoding as Alibaba Cloud's RPC signature v1 wants it: `encodeURIComponent` plus
 * `! ' ( ) *`, so a space is `%20`, `*` is `%2A` and `~` stays as is.
 * @see https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The string an RPC request's signature covers: `<METHOD>&%2F&<encode(sorted, encoded k=v pairs)>`.
 * `params` are the decoded request parameters without `Signature`; keys sort by code unit, like
 * `@alicloud/pop-core` (`Object.keys(...).sort()`).
 */
export function aliyunRpcStringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .filter((key) => key !== 'Signature')
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? '')}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

/** base64(HMAC-SHA1(secret + "&", StringToSign)). */
export function aliyunRpcSignature(secret: string, method: string, params: Record<string, string>): string {
  return createHmac('sha1', `${secret}&`).update(aliyunRpcStringToSign(method, params)).digest('base64');
}

/** True when `signature` is the one `secret` gives for these parameters (constant-time compare). */
export function verifyAliyunRpcSignature(
  secret: string,
  method: string,
  params: Record<string, string>,
  signature: string,
): boolean {
  const expected = Buffer.from(aliyunRpcSignature(secret, method, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
