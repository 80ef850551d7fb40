import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { createCRC32, createCRC64 } from 'hash-wasm';

/**
 * The additional checksums S3 verifies on an object body and keeps for the parts of an upload created
 * with one (`x-amz-checksum-algorithm`), in their lower-case header names (`x-amz-checksum-<name>`).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export const ADDITIONAL_CHECKSUMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;
export type AdditionalChecksumName = (typeof ADDITIONAL_CHECKSUMS)[number];

/** One running checksum; `digest()` answers S3's wire form, base64 of the big-endian digest. */
export interface AdditionalChecksum {
  update(chunk: Uint8Array): void;
  digest(): string;
}

export async function createAdditionalChecksum(name: AdditionalChecksumName): Promise<AdditionalChecksum> {
  switch (name) {
    case 'crc32': {
      // Node's zlib has CRC32 (not CRC32C or CRC64NVME: hash-wasm's, as the browser's checks use).
      let crc = 0;
      return {
        update: (chunk) => {
          crc = crc32(chunk, crc);
        },
        digest: () => {
          const bytes = Buffer.alloc(4);
          bytes.writeUInt32BE(crc >>> 0);
          return bytes.toString('base64');
        },
      };
    }
    case 'crc32c':
    case 'crc64nvme': {
      // CRC-32C (Castagnoli) and CRC-64/NVME, both reflected, as hash-wasm takes their polynomials.
      const hasher = await (name === 'crc32c' ? createCRC32(0x82f63b78) : createCRC64('9A6C9329AC4BC9B5'));
      hasher.init();
      return {
        update: (chunk) => hasher.update(chunk),
        digest: () => Buffer.from(hasher.digest('binary')).toString('base64'),
      };
    }
    default: {
      const hash = createHash(name);
      return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('base64') };
    }
  }
}
