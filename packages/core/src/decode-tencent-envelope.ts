import { vodErrorFromCloud } from './cloud-error.js';
import { vodError } from './errors.js';
import { FieldReader, isRecord } from './field-reader.js';

/**
 * Opens a Tencent API 3.0 result `{ Response: {...} }`: throws the cloud's error when
 * `Response.Error` is set, else returns a reader over the whole result (paths start at `Response`).
 * @see https://cloud.tencent.com/document/api/266/31757 (API 3.0 return format)
 */
export function openTencentResponse(raw: unknown): FieldReader {
  const reader = new FieldReader(raw, 'tencent');
  const response = reader.object('Response');
  const requestId = typeof response.RequestId === 'string' ? response.RequestId : undefined;
  if (response.Error !== undefined) {
    const error = new FieldReader(raw, 'tencent', '', requestId);
    const code = error.string('Response.Error.Code');
    throw vodErrorFromCloud(
      'tencent',
      code,
      error.optionalString('Response.Error.Message') ?? code,
      requestId,
    );
  }
  return new FieldReader(raw, 'tencent', '', requestId);
}

/** True when `raw` looks like the legacy v2 API's `{ code, message, ... }` rather than API 3.0. */
export function isTencentV2Result(raw: unknown): raw is Record<string, unknown> {
  return isRecord(raw) && !('Response' in raw) && 'code' in raw;
}

/**
 * Throws the cloud's error when a legacy v2 result has a non-zero `code`.
 * @see https://cloud.tencent.com/document/product/266/7782 (v2 common error codes: 4000-7000, 32001)
 */
export function checkTencentV2Code(reader: FieldReader): void {
  const code = reader.number('code');
  if (code === 0) return;
  const message = reader.optionalString('message') ?? reader.optionalString('codeDesc') ?? `code ${code}`;
  // 32001 is v2's "internal service error": worth trying again, unlike the 4000-7000 request errors.
  const errorCode = code === 32001 ? 'cloud_unavailable' : 'cloud_refused';
  throw vodError(errorCode, message, { provider: 'tencent', cloudCode: String(code) });
}
