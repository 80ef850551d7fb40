import { z } from 'zod';
import { httpUrl, text } from '../config/config-fields.js';

/** Any S3-compatible store. */
export interface S3Config {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Custom endpoint (MinIO, R2, the sandbox…); default AWS. */
  endpoint?: string;
  bucket: string;
  forcePathStyle?: boolean;
  /** Prefix of every generated key, e.g. `tenant-a/`. Default none. */
  keyPrefix?: string;
  /** Lifetime of presigned URLs. Default 900 (15 min); a part must *start* within it. */
  presignExpiresSeconds?: number;
  /**
   * Secret for the HMAC that marks keys as server-generated. Default: derived from
   * `secretAccessKey`, so every instance sharing the key accepts the others' keys.
   */
  keySigningSecret?: string;
}

/** Checks an `S3Config` when the handler is created (`config_invalid` names the option). */
export const s3ConfigSchema = z.strictObject({
  accessKeyId: text,
  secretAccessKey: text,
  region: text,
  endpoint: httpUrl.optional(),
  bucket: text,
  forcePathStyle: z.boolean().optional(),
  keyPrefix: z
    .string()
    .regex(
      /^([\w-][\w.-]*\/)*$/,
      'must be empty or segments ending with "/" (letters, digits, ".", "-", "_"; not starting with ".")',
    )
    .optional(),
  // SigV4 presigned URLs live at most 7 days.
  presignExpiresSeconds: z.number().int().min(1).max(604_800).optional(),
  keySigningSecret: z.string().min(16).optional(),
});
