import { type CheckpointPart, combineCrc64 } from '@vod-uploader/core';
import type { ChecksumAlgorithm, ChecksumFn } from './compute-checksum.js';

/**
 * The object's checksum from its parts' (in order), in the form the bucket answers it on Complete:
 * CRC64 combined (COS/OSS), or S3's composite CRC32C (the CRC32C of the parts' CRC32Cs, `-<parts>`).
 * Undefined when a part has none. Loaded only when an upload completes, so it stays out of the
 * page's initial chunk.
 */
export async function objectChecksumOf(
  parts: CheckpointPart[],
  algorithm: ChecksumAlgorithm,
  checksum: ChecksumFn,
): Promise<string | undefined> {
  if (parts.some((p) => p.checksum === undefined)) return undefined;
  if (algorithm === 'crc64ecma') {
    let crc: bigint | undefined;
    for (const part of parts) {
      const value = BigInt(part.checksum as string);
      crc = crc === undefined ? value : combineCrc64(crc, value, part.size);
    }
    return crc?.toString(10);
  }
  const joined = new Uint8Array(parts.length * 4);
  parts.forEach((p, i) => {
    joined.set(
      Uint8Array.from(atob(p.checksum as string), (c) => c.charCodeAt(0)),
      i * 4,
    );
  });
  return `${await checksum(new Blob([joined]), 'crc32c')}-${parts.length}`;
}
