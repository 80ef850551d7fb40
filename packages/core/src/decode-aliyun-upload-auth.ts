import { decodeBase64Field } from './decode-base64-field.js';
import type { FieldReader } from './field-reader.js';
import type { StsCredential } from './upload-target.js';

/** Options of the Alibaba decoders. */
export interface AliyunDecodeOptions {
  /**
   * The current time, epoch ms, used only when `UploadAuth` has no `ExpireUTCTime` and the expiry is
   * `now + Expiration`. Pass a clock-corrected time (`ClockSkew.now()`); defaults to `Date.now()`.
   */
  now?: number;
}

/**
 * Decodes `UploadAuth` (base64 JSON `{ AccessKeyId, AccessKeySecret, SecurityToken, Expiration,
 * ExpireUTCTime, Region }`). `ExpireUTCTime` is the instant and wins; `Expiration` is a duration in
 * seconds (not a date), used from `now` only when the instant is absent.
 */
export function decodeUploadAuth(
  reader: FieldReader,
  options: AliyunDecodeOptions = {},
): { credential: StsCredential; region: string | undefined } {
  const auth = decodeBase64Field(reader, 'UploadAuth');
  const credential: StsCredential = {
    accessKeyId: auth.string('AccessKeyId'),
    accessKeySecret: auth.string('AccessKeySecret'),
    securityToken: auth.string('SecurityToken'),
    expiresAt: expiryOf(auth, options.now ?? Date.now()),
  };
  return { credential, region: auth.optionalString('Region') };
}

function expiryOf(auth: FieldReader, now: number): number {
  const instant = auth.optionalString('ExpireUTCTime');
  if (instant !== undefined) {
    const time = Date.parse(instant);
    if (Number.isNaN(time)) throw auth.fail('ExpireUTCTime', `is ${JSON.stringify(instant)}, not a date`);
    return time;
  }
  const seconds = auth.number('Expiration');
  if (seconds <= 0) throw auth.fail('Expiration', `is ${seconds}, not a positive number of seconds`);
  return now + seconds * 1000;
}
