import type { S3SignResponse } from './endpoint-contract.js';
import { FieldReader } from './field-reader.js';

/**
 * Decodes the endpoint's answer to POST /s3/sign: a presigned `url` (http or https), the object `key`
 * the server chose (on PUT and create), and the `headers` the URL was signed with.
 *
 * @throws `VodDecodeError` naming the field (`url`, `key`, `headers.<name>`).
 */
export function decodeS3SignResponse(raw: unknown): S3SignResponse {
  const reader = new FieldReader(raw, 's3');
  reader.object('');
  const url = reader.string('url');
  if (!/^https?:\/\//i.test(url)) throw reader.fail('url', 'is not an http(s) URL');
  const signed: S3SignResponse = { url };
  const key = reader.optionalString('key');
  if (key !== undefined) signed.key = key;
  const headers = reader.value('headers');
  if (headers !== undefined && headers !== null) {
    const fields = reader.object('headers');
    signed.headers = Object.fromEntries(
      Object.keys(fields).map((name) => [name, reader.string(`headers.${name}`)]),
    );
  }
  return signed;
}
