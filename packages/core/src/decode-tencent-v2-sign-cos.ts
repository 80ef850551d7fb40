import type { TencentV2SignCosResponse } from './endpoint-contract.js';
import { FieldReader } from './field-reader.js';

/**
 * Decodes the endpoint's answer of POST /tencent/v2/sign-cos (the `result`): a q-sign
 * `authorization` and its validity.
 * @throws `VodDecodeError` naming the field, e.g. `authorization` when it is not a q-sign value.
 * @example
 * const { authorization } = decodeTencentV2SignCos(await client.post(ENDPOINT_ROUTES.tencentV2SignCos, body));
 */
export function decodeTencentV2SignCos(raw: unknown): TencentV2SignCosResponse {
  const reader = new FieldReader(raw, 'tencent');
  const authorization = reader.string('authorization');
  if (!/^q-sign-algorithm=sha1&/.test(authorization) || /\s/.test(authorization)) {
    throw reader.fail('authorization', 'is not a COS q-sign signature');
  }
  return {
    authorization,
    startTime: reader.number('startTime'),
    expiredTime: reader.number('expiredTime'),
  };
}
