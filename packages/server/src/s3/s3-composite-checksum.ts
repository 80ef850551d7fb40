import type { S3CompletedPart } from '@vod-uploader/core';
import { createCRC32 } from 'hash-wasm';

/** CRC32C's reflected polynomial (Castagnoli), hash-wasm's `crc32` parameter for it. */
const CRC32C_POLYNOMIAL = 0x82f63b78;

/**
 * S3's composite CRC32C of a multipart object, `<base64 CRC32C of the parts' CRC32Cs>-<parts>`, from
 * the parts' own (in order); undefined when a part has none. hash-wasm: the CRC the browser and the
 * sandbox compute with too, so all three agree by construction.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export async function compositeCrc32cOf(parts: S3CompletedPart[]): Promise<string | undefined> {
  if (parts.length === 0 || parts.some((p) => !p.checksumCRC32C)) return undefined;
  const crc = await createCRC32(CRC32C_POLYNOMIAL);
  crc.init();
  for (const part of parts) crc.update(Buffer.from(part.checksumCRC32C as string, 'base64'));
  return `${Buffer.from(crc.digest('binary')).toString('base64')}-${parts.length}`;
}
