import { decodeS3SignResponse } from './decode-s3-sign-response.js';
import type { S3SignPartsResponse } from './endpoint-contract.js';
import { vodError } from './errors.js';
import { FieldReader } from './field-reader.js';

/**
 * Decodes the endpoint's answer to a batched POST /s3/sign (`parts`): one presigned request per part
 * asked for, each decoded as a single sign answer is, and checked to be exactly the parts asked for
 * (a URL of another part would store bytes under the wrong number).
 *
 * @throws `VodDecodeError` naming the field (`parts`, `parts.<i>.url`, `parts.<i>.partNumber`).
 */
export function decodeS3SignPartsResponse(raw: unknown, asked: readonly number[]): S3SignPartsResponse {
  const reader = new FieldReader(raw, 's3');
  reader.object('');
  const list = reader.value('parts');
  if (!Array.isArray(list)) throw reader.fail('parts', list === undefined ? 'is missing' : 'is not an array');
  if (list.length !== asked.length) {
    throw reader.fail('parts', `has ${list.length} entries for ${asked.length} parts asked for`);
  }
  const parts = list.map((_, i) => {
    const partNumber = reader.number(`parts.${i}.partNumber`);
    if (partNumber !== asked[i])
      throw reader.fail(`parts.${i}.partNumber`, `is ${partNumber}, not ${asked[i]}`);
    try {
      return { partNumber, ...decodeS3SignResponse(reader.value(`parts.${i}`)) };
    } catch (error) {
      const field = (error as { field?: string }).field;
      throw vodError('decode_failed', `Unexpected s3 result: parts.${i}.${field ?? ''} is not valid`, {
        provider: 's3',
        field: `parts.${i}.${field ?? ''}`,
        cause: error,
      });
    }
  });
  return { parts };
}
