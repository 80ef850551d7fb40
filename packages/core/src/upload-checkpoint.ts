import type { ProviderKey } from './provider.js';

/** One uploaded part of a multipart upload. */
export interface CheckpointPart {
  /** 1-based, as COS/OSS/S3 number them. */
  partNumber: number;
  etag: string;
  size: number;
  /**
   * The part's checksum as computed in the browser and matched with the bucket's answer (CRC64 as a
   * decimal string on COS/OSS, base64 CRC32C on S3). After a reload a listed part is trusted only when
   * it matches this; a part without one is sent again.
   */
  checksum?: string;
}

/**
 * What is saved (e.g. in `localStorage`) so an interrupted multipart upload can resume after a
 * reload without listing or re-hashing parts. Plain JSON: no class instances, no `File`.
 */
export interface UploadCheckpoint<Target = unknown> {
  version: 1;
  provider: ProviderKey;
  /** The credential endpoint's URL: a checkpoint made against another endpoint is not reused. */
  endpoint: string;
  /** `fileFingerprint` of the file. */
  fingerprint: string;
  /** The upload target as JSON (e.g. a `TencentUploadTarget`). */
  target: Target;
  /** The multipart upload id from the object store. */
  uploadId: string;
  /**
   * The endpoint's sealed ticket of the upload session: later calls (refresh, sign, commit, complete)
   * must send it. A checkpoint without one (written before tickets existed) cannot resume.
   */
  ticket?: string;
  partSize: number;
  doneParts: CheckpointPart[];
  /**
   * When the upload's credential expires for good, epoch ms. Set only when it cannot be renewed
   * (Tencent API 3.0 has no renewal), because then the upload cannot resume after it.
   */
  credentialExpiresAt?: number;
  /** Epoch ms. */
  createdAt: number;
  /** After this (epoch ms) the checkpoint is dropped; object stores abort stale uploads too. */
  expiresAt: number;
}

/** Options of `isCheckpointUsable`. */
export interface CheckpointUsableOptions {
  /**
   * How long a non-renewable credential must still be valid for resuming to be worth it. Default
   * 60 s, the margin cos-js-sdk-v5 keeps before it asks for a new credential.
   */
  minCredentialMs?: number;
}

/**
 * True when `value` is a well-formed version-1 checkpoint that has not expired at `now` (epoch ms)
 * and whose non-renewable credential (if any) is still good for `minCredentialMs`. Anything read
 * back from storage must pass this before it is trusted.
 */
export function isCheckpointUsable(
  value: unknown,
  now: number,
  options: CheckpointUsableOptions = {},
): value is UploadCheckpoint {
  if (typeof value !== 'object' || value === null) return false;
  const cp = value as Partial<Record<keyof UploadCheckpoint, unknown>>;
  if (cp.version !== 1) return false;
  if (cp.provider !== 'tencent' && cp.provider !== 'aliyun' && cp.provider !== 's3') return false;
  if (!isText(cp.endpoint) || !isText(cp.fingerprint) || !isText(cp.uploadId)) return false;
  if (cp.ticket !== undefined && !isText(cp.ticket)) return false;
  if (typeof cp.target !== 'object' || cp.target === null) return false;
  if (!isPositiveInteger(cp.partSize)) return false;
  if (!isTime(cp.createdAt) || !isTime(cp.expiresAt) || now >= cp.expiresAt) return false;
  if (cp.credentialExpiresAt !== undefined) {
    if (!isTime(cp.credentialExpiresAt)) return false;
    if (cp.credentialExpiresAt - now < (options.minCredentialMs ?? 60_000)) return false;
  }
  return Array.isArray(cp.doneParts) && arePartsValid(cp.doneParts, cp.partSize);
}

function arePartsValid(parts: unknown[], partSize: number): boolean {
  const seen = new Set<number>();
  for (const part of parts) {
    if (typeof part !== 'object' || part === null) return false;
    const { partNumber, etag, size, checksum } = part as Record<string, unknown>;
    if (!isPositiveInteger(partNumber) || partNumber > 10_000 || seen.has(partNumber)) return false;
    if (!isText(etag)) return false;
    if (checksum !== undefined && !isText(checksum)) return false;
    // Every part but the last has exactly partSize bytes, so no part can be larger.
    if (!isPositiveInteger(size) || size > partSize) return false;
    seen.add(partNumber);
  }
  return true;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
