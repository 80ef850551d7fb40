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
