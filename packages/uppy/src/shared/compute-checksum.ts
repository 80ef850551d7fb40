import type { VodChecksum } from '@vod-uploader/core';

/** The checksums the transport computes: CRC-64/XZ for COS and OSS, CRC32C for S3. */
export type ChecksumAlgorithm = VodChecksum['algorithm'];

/**
 * What the transport can hash: the checksums, and MD5, which COS, OSS and S3 give as a part's ETag
 * (a resumed part the client never heard stored is trusted by it; see `TransferIntegrity.trusts`).
 */
export type HashAlgorithm = ChecksumAlgorithm | 'md5';

/** Computes a Blob's checksum in its wire form; the worker and the main-thread fallback share it. */
export type ChecksumFn = (blob: Blob, algorithm: HashAlgorithm) => Promise<string>;

/** CRC32C's reflected polynomial (Castagnoli), hash-wasm's `crc32` parameter for it. */
const CRC32C_POLYNOMIAL = 0x82f63b78;

/**
 * Streams `blob` through hash-wasm's WebAssembly CRC (684 MiB/s for CRC-64 in Node, 2.5× a JS table;
 * see the README) and answers in the form the clouds use: CRC64 as a decimal string
 * (`x-cos-hash-crc64ecma`), CRC32C as base64 of its 4 big-endian bytes (`x-amz-checksum-crc32c`),
 * MD5 as lowercase hex (an ETag's form).
 * Streaming keeps memory at one chunk, whatever the part size. hash-wasm is imported on first use, so
 * it stays out of the page's initial chunk.
 */
export async function computeChecksum(blob: Blob, algorithm: HashAlgorithm): Promise<string> {
  const { createCRC32, createCRC64, createMD5 } = await import('hash-wasm');
  const hasher =
    algorithm === 'crc64ecma'
      ? await createCRC64()
      : algorithm === 'md5'
        ? await createMD5()
        : await createCRC32(CRC32C_POLYNOMIAL);
  hasher.init();
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
  }
  const digest = hasher.digest('binary');
  if (algorithm === 'md5') return hex(digest);
  return algorithm === 'crc64ecma' ? BigInt(`0x${hex(digest)}`).toString(10) : base64(digest);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}
