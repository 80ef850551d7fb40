import { vodError } from './errors.js';

const MiB = 1024 * 1024;

/** Options of `pickPartSize`; every store has its own limits. */
export interface PartSizeOptions {
  /** Smallest allowed part (S3 5 MiB, OSS 100 KiB, COS 1 MiB). Default 1 MiB. */
  min?: number;
  /** Largest allowed part. Default 5 GiB, the COS/OSS/S3 limit. */
  max?: number;
  /** Most parts one upload may have. Default 10,000 (COS, OSS, S3). */
  maxParts?: number;
  /** The size wanted when the file is small enough. Default `min`. */
  preferred?: number;
}

/**
 * The part size for a multipart upload of `fileSize` bytes: `preferred`, grown (to whole MiB) when the
 * file would otherwise need more than `maxParts` parts, and kept within `min`..`max`.
 *
 * @throws `file_invalid` when even `max`-sized parts cannot hold the file in `maxParts` parts.
 * @example
 * pickPartSize(50 * 2 ** 30, { min: 5 * 2 ** 20, preferred: 8 * 2 ** 20 }) // 8 MiB
 */
export function pickPartSize(fileSize: number, options: PartSizeOptions = {}): number {
  const min = options.min ?? MiB;
  const max = options.max ?? 5 * 1024 * MiB;
  const maxParts = options.maxParts ?? 10_000;
  const preferred = Math.min(max, Math.max(min, options.preferred ?? min));
  if (min > max || maxParts < 1) {
    throw vodError(
      'config_invalid',
      `Part size limits are inconsistent (min ${min}, max ${max}, maxParts ${maxParts})`,
    );
  }
  const needed = Math.ceil(Math.max(0, fileSize) / maxParts);
  if (needed <= preferred) return preferred;
  // Grow to a whole MiB so parts stay tidy, unless that crosses max.
  const grown = Math.min(max, Math.ceil(needed / MiB) * MiB);
  if (grown < needed) {
    throw vodError(
      'file_invalid',
      `The file (${fileSize} bytes) is too large for ${maxParts} parts of ${max} bytes`,
    );
  }
  return grown;
}
