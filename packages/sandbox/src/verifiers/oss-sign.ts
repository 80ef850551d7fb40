import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Sub-resources that OSS signature V1 puts into the canonicalized resource (every other query
 * parameter is left out of the signature).
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/include-signatures-in-the-authorization-header
 */
export const OSS_SIGNED_SUBRESOURCES = new Set([
  'acl',
  'uploads',
  'location',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'img',
  'style',
  'styleName',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'cname',
  'bucketInfo',
  'comp',
  'qos',
  'live',
  'status',
  'vod',
  'startTime',
  'endTime',
  'symlink',
  'x-oss-process',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'udf',
  'udfName',
  'udfImage',
  'udfId',
  'udfImageDesc',
  'udfApplication',
  'udfApplicationLog',
  'restore',
  'callback',
  'callback-var',
  'policy',
  'stat',
  'encryption',
  'versions',
  'versioning',
  'versionId',
  'sequential',
  'continuation-token',
  'inventory',
  'inventoryId',
  'worm',
  'wormId',
  'wormExtend',
  'resourceGroup',
  'metaQuery',
]);

/** What an OSS V1 signature covers, read off the request. */
export interface OssStringToSignInput {
  method: string;
  contentMd5: string;
  contentType: string;
  /** The `Date` header, or `x-oss-date` when present (browsers cannot set `Date`). */
  date: string;
  /** Request headers, any case; only `x-oss-*` ones are signed. */
  headers: Record<string, string | string[] | undefined>;
  /** `/<bucket>/<decoded key>` */
  resourcePath: string;
  /** Decoded query parameters; the sub-resources among them are signed. */
  query: URLSearchParams;
}

/**
 * `VERB\nContent-MD5\nContent-Type\nDate\n<x-oss-* headers>\n<resource>` as ali-oss builds it
 * (`lib/common/signUtils.js#buildCanonicalString`): `x-oss-*` names lower-cased and sorted, values
 * trimmed, sub-resources sorted, a valueless one written without `=`.
 */
export function ossStringToSign(input: OssStringToSignInput): string {
  const ossHeaders = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : value] as const)
    .filter(([name, value]) => name.startsWith('x-oss-') && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${String(value).trim()}`);
  const subresources = [...new Set([...input.query.keys()])]
    .filter((key) => OSS_SIGNED_SUBRESOURCES.has(key))
    .sort()
    .map((key) => {
      const value = input.query.get(key);
      return value ? `${key}=${value}` : key;
    });
  const resource = subresources.length
    ? `${input.resourcePath}?${subresources.join('&')}`
    : input.resourcePath;
  return [
    input.method.toUpperCase(),
    input.contentMd5,
    input.contentType,
    input.date,
    ...ossHeaders,
    resource,
  ].join('\n');
}

/** base64(HMAC-SHA1(secret, StringToSign)). */
export function ossSignature(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}

/** Splits `OSS <AccessKeyId>:<Signature>`; undefined when the header has another form. */
export function parseOssAuthorization(
  header: string,
): { accessKeyId: string; signature: string } | undefined {
  const match = /^OSS ([^:\s]+):(\S+)$/.exec(header.trim());
  return match ? { accessKeyId: match[1]!, signature: match[2]! } : undefined;
}

/** Constant-time comparison of a given signature with the expected one. */
export function verifyOssSignature(secret: string, stringToSign: string, signature: string): boolean {
  const expected = Buffer.from(ossSignature(secret, stringToSign));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
