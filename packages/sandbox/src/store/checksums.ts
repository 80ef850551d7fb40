import { createCRC32, createCRC64 } from 'hash-wasm';
import { crc64Combine } from './crc64-combine.js';

/** The checksums the sandbox keeps for every stored object and part, in the clouds' wire forms. */
export interface StoredChecksums {
  /** CRC-64/XZ as a decimal string (`x-cos-hash-crc64ecma`, `x-oss-hash-crc64ecma`). */
  crc64: string;
  /** CRC32C, base64 of 4 big-endian bytes (`x-amz-checksum-crc32c`). */
  crc32c: string;
}

/** Both checksums over a stream of chunks, fed as the bytes are written to disk. */
export async function checksumHasher(): Promise<{
  update(chunk: Uint8Array): void;
  digest(): StoredChecksums;
}> {
  const crc64 = await createCRC64();
  const crc32c = await createCRC32(0x82f63b78);
  crc64.init();
  crc32c.init();
  return {
    update(chunk) {
      crc64.update(chunk);
      crc32c.update(chunk);
    },
    digest: () => ({
      crc64: BigInt(`0x${crc64.digest('hex')}`).toString(10),
      crc32c: Buffer.from(crc32c.digest('binary')).toString('base64'),
    }),
  };
}

/** The checksums of bytes held in memory. */
export async function checksumsOf(bytes: Uint8Array): Promise<StoredChecksums> {
  const hasher = await checksumHasher();
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
 * S3's composite checksum of a multipart object: the CRC32C of the parts' CRC32Cs (raw bytes, in
 * order), then `-<parts>`.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export async function compositeCrc32c(parts: { crc32c: string }[]): Promise<string> {
  const joined = Buffer.concat(parts.map((p) => Buffer.from(p.crc32c, 'base64')));
  return `${(await checksumsOf(joined)).crc32c}-${parts.length}`;
}
