import { createCRC64 } from 'hash-wasm';
import { type AdditionalChecksumName, createAdditionalChecksum } from './additional-checksum.js';
import { crc64Combine } from './crc64-combine.js';

/** The checksums the sandbox keeps for stored objects and parts, in the clouds' wire forms. */
export interface StoredChecksums {
  /** CRC-64/XZ as a decimal string (`x-cos-hash-crc64ecma`, `x-oss-hash-crc64ecma`): always kept. */
  crc64: string;
  /**
   * The additional checksum (base64) of the algorithm an S3 multipart upload was created with, for
   * that upload's parts; for the object completed from them, S3's composite `<digest of digests>-<parts>`.
   */
  checksum?: string;
}

/** The checksums over a stream of chunks, fed as the bytes are written to disk; `additional` too when given. */
export async function checksumHasher(additional?: AdditionalChecksumName): Promise<{
  update(chunk: Uint8Array): void;
  digest(): StoredChecksums;
}> {
  const crc64 = await createCRC64();
  crc64.init();
  const extra = additional ? await createAdditionalChecksum(additional) : undefined;
  return {
    update(chunk) {
      crc64.update(chunk);
      extra?.update(chunk);
    },
    digest: () => ({
      crc64: BigInt(`0x${crc64.digest('hex')}`).toString(10),
      ...(extra ? { checksum: extra.digest() } : {}),
    }),
  };
}

/** The checksums of bytes held in memory. */
export async function checksumsOf(
  bytes: Uint8Array,
  additional?: AdditionalChecksumName,
): Promise<StoredChecksums> {
  const hasher = await checksumHasher(additional);
  hasher.update(bytes);
  return hasher.digest();
}

/** The object's CRC64 from its parts' (in order), as COS/OSS answer it on CompleteMultipartUpload. */
export function combinedCrc64(parts: { crc64: string; size: number }[]): string {
  let crc: bigint | undefined;
  for (const part of parts) {
    const value = BigInt(part.crc64);
    crc = crc === undefined ? value : crc64Combine(crc, value, part.size);
  }
  return (crc ?? 0n).toString(10);
}

/**
 * S3's composite checksum of a multipart object: the checksum (of the upload's algorithm) of the
 * parts' checksums (raw bytes, in order), then `-<parts>`.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export async function compositeChecksum(
  algorithm: AdditionalChecksumName,
  partChecksums: string[],
): Promise<string> {
  const hasher = await createAdditionalChecksum(algorithm);
  for (const checksum of partChecksums) hasher.update(Buffer.from(checksum, 'base64'));
  return `${hasher.digest()}-${partChecksums.length}`;
}
