import { decodeBase64Json } from './decode-base64-json.js';
import { type FieldReader, isRecord } from './field-reader.js';

/** Decodes the base64 JSON string at `field` and returns a reader over it (errors say `field.X`). */
export function decodeBase64Field(reader: FieldReader, field: string): FieldReader {
  const encoded = reader.string(field);
  let decoded: unknown;
  try {
    decoded = decodeBase64Json(encoded);
  } catch (error) {
    throw reader.fail(field, `is ${(error as Error).message}`, error);
  }
  if (!isRecord(decoded)) throw reader.fail(field, 'does not hold a JSON object');
  return reader.nested(decoded, field);
}
