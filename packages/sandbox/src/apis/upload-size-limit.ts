import type { IncomingHttpHeaders } from 'node:http';

/**
 * The largest body one PutObject or UploadPart takes, on S3, COS and OSS alike: 5 GiB (larger objects
 * go in parts, and no part may be larger either).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
 * @see https://www.tencentcloud.com/document/product/436/7749 (COS PUT Object: up to 5 GB)
 * @see https://www.tencentcloud.com/document/product/436/7750 (COS Upload Part: up to 5 GB)
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/putobject (up to 5 GB)
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/uploadpart
 */
export const MAX_UPLOAD_BODY_BYTES = 5 * 1024 ** 3;

/**
 * Refuses a body that declares more than `limit` bytes ({@link MAX_UPLOAD_BODY_BYTES} unless the
 * sandbox's `uploadMaxBytes` lowers it) before any byte of it is read, as the clouds do from the
 * headers alone: throws `tooLarge(size)`, the cloud's `EntityTooLarge`. The size is
 * `Content-Length`, or `header` when the framing adds bytes of its own (S3's aws-chunked body
 * declares its payload in `x-amz-decoded-content-length`). A body that declares no size is left to
 * the reader.
 */
export function assertUploadSizeAllowed(
  headers: IncomingHttpHeaders,
  limit: number,
  tooLarge: (size: number) => Error,
  header = 'content-length',
): void {
  const raw = headers[header];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || !/^\d+$/.test(value.trim())) return;
  const size = Number(value.trim());
  if (size > limit) throw tooLarge(size);
}
