import { decodeBase64Field } from './decode-base64-field.js';
import type { FieldReader } from './field-reader.js';

/** The decoded `UploadAddress`. */
export interface AliyunUploadAddress {
  endpoint: string;
  bucket: string;
  objectKey: string;
}

/** Decodes `UploadAddress` (base64 JSON `{ Endpoint, Bucket, FileName }`). */
export function decodeUploadAddress(reader: FieldReader): AliyunUploadAddress {
  const address = decodeBase64Field(reader, 'UploadAddress');
  return {
    endpoint: withScheme(address, 'Endpoint'),
    bucket: address.string('Bucket'),
    objectKey: address.string('FileName'),
  };
}

function withScheme(address: FieldReader, path: string): string {
  const raw = address.string(path).trim();
  const endpoint = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    throw address.fail(path, `is ${JSON.stringify(raw)}, not a host or URL`, error);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw address.fail(path, `has scheme ${url.protocol}, not http(s)`);
  }
  return `${url.protocol}//${url.host}`;
}

/** The region of an OSS endpoint such as `oss-cn-shanghai.aliyuncs.com` (or `-internal`). */
export function regionOfOssEndpoint(endpoint: string): string | undefined {
  const host = new URL(endpoint).hostname;
  return /^oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/.exec(host)?.[1];
}

/** The region from `UploadAuth.Region`, else from the endpoint; a decode error when neither has it. */
export function regionOf(reader: FieldReader, fromAuth: string | undefined, endpoint: string): string {
  const region = fromAuth ?? regionOfOssEndpoint(endpoint);
  if (region !== undefined) return region;
  throw reader.fail('UploadAuth.Region', 'is missing (and the endpoint names none)');
}
