import type { ProviderKey } from './provider.js';

/** What an app receives once a file is stored in the cloud. */
export interface VodUploadResult {
  provider: ProviderKey;
  /** Tencent `FileId`, Alibaba `VideoId`/`ImageId`, or the S3 object key. */
  id: string;
  /** Where the media can be fetched, when the cloud says so. */
  url?: string;
  /** The uploaded cover's URL, when a cover was uploaded. */
  coverUrl?: string;
  /** A poster/snapshot URL, when the cloud makes one. */
  posterUrl?: string;
  /**
   * The object's checksum, verified against the one the bucket answered: the proof that the bucket
   * holds the file's bytes, for an app to store. Absent when the bucket did not answer one (e.g. its
   * CORS rules hide the header; the upload then warns `integrity_unverified`).
   */
  checksum?: VodChecksum;
  /**
   * The finish answer's sealed `ticket` (Tencent commit, Alibaba complete, S3 complete): what
   * `POST /media/status` takes to say whether the media is processing, ready or failed, for this
   * caller only. Absent when the endpoint sent none (an endpoint older than the route).
   */
  statusTicket?: string;
  /** The cloud's own result, untouched, for fields this type does not carry. */
  raw?: unknown;
}

/**
 * A verified checksum of an uploaded object.
 * - `crc64ecma`: CRC-64/XZ (ECMA-182), a decimal string, as COS's `x-cos-hash-crc64ecma` and OSS's
 *   `x-oss-hash-crc64ecma` carry it.
 * - `crc32c`: base64 of the big-endian CRC32C, as S3's `x-amz-checksum-crc32c`; for a multipart object
 *   S3's composite form `<base64 CRC32C of the parts' CRC32Cs>-<parts>`.
 */
export interface VodChecksum {
  algorithm: 'crc64ecma' | 'crc32c';
  value: string;
}
