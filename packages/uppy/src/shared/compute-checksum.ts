import type { VodChecksum } from '@vod-uploader/core';

/** The checksums the transport computes: CRC-64/XZ for COS and OSS, CRC32C for S3. */
export type ChecksumAlgorithm = VodChecksum['algorithm'];

/** Computes a Blob's checksum in its wire form; the worker and the main-thread fallback share it. */
export type ChecksumFn = (blob: Blob, algorithm: ChecksumAlgorithm) => Promise<string>;

/** A part's checksum and the bytes it was computed from, which are the bytes to send. */
export interface HashedPart {
  value: string;
  body: Blob;
}

/**
 * Reads a part once, hashes it and hands back those same bytes to send (see `crc-worker.ts` for why
 * that is cheaper than reading the file twice).
 */
export type PartHashFn = (blob: Blob, algorithm: ChecksumAlgorithm) => Promise<HashedPart>;

/** CRC32C's reflected polynomial (Castagnoli), hash-wasm's `crc32` parameter for it. */
const CRC32C_POLYNOMIAL = 0x82f63b78;

/**
 * Streams `blob` through hash-wasm's WebAssembly CRC (684 MiB/s for CRC-64 in Node, 2.5× a JS table;
 * see the README) and answers in the form the clouds use: CRC64 as a decimal string
 * (`x-cos-hash-crc64ecma`), CRC32C as base64 of its 4 big-endian bytes (`x-amz-checksum-crc32c`).
 * Streaming keeps memory at one chunk, whatever the part size. hash-wasm is imported on first use, so
 * it stays out of the page's initial chunk.
 */
export async function computeChecksum(blob: Blob, algorithm: ChecksumAlgorithm): Promise<string> {
  const hasher = await hasherOf(algorithm);
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
  }
  return wireForm(hasher.digest('binary'), algorithm);
}

/** The checksum of bytes already in memory, in the same wire form as {@link computeChecksum}. */
export async function checksumOfBytes(bytes: Uint8Array, algorithm: ChecksumAlgorithm): Promise<string> {
  const hasher = await hasherOf(algorithm);
  hasher.update(bytes);
  return wireForm(hasher.digest('binary'), algorithm);
}

async function hasherOf(algorithm: ChecksumAlgorithm) {
  const { createCRC32, createCRC64 } = await import('hash-wasm');
  const hasher = algorithm === 'crc64ecma' ? await createCRC64() : await createCRC32(CRC32C_POLYNOMIAL);
  hasher.init();
  return hasher;
}

function wireForm(digest: Uint8Array, algorithm: ChecksumAlgorithm): string {
  return algorithm === 'crc64ecma' ? BigInt(`0x${hex(digest)}`).toString(10) : base64(digest);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}
