import { vodError } from './errors.js';
import type { ProviderKey } from './provider.js';
import { SINGLE_PUT_MAX } from './single-put-max.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;

/** What one object store allows an upload. */
export interface TransferLimits {
  /** Smallest part but the last. */
  minPart: number;
  /** Largest part. */
  maxPart: number;
  /** Most parts one multipart upload may have. */
  maxParts: number;
  /** Largest object one PUT may store. */
  maxSinglePut: number;
  /** Largest object at all (S3: 5 TiB, less than its 10,000 parts of 5 GiB). */
  maxObject: number;
}

/** What all three allow: parts of up to 5 GiB, 10,000 of them, a 5 GiB PUT, an object of what the parts hold. */
const COMMON_LIMITS: TransferLimits = {
  minPart: MiB,
  maxPart: 5 * GiB,
  maxParts: 10_000,
  maxSinglePut: 5 * GiB,
  maxObject: 10_000 * 5 * GiB,
};

/**
 * Each cloud's own limits: S3 parts are 5 MiB–5 GiB, COS parts 1 MiB–5 GiB, OSS parts 100 KiB–5 GiB;
 * all three allow 10,000 parts and a 5 GiB PutObject; an S3 object is at most 5 TiB, a COS or OSS one
 * what its 10,000 parts hold.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
 * @see https://cloud.tencent.com/document/product/436/14112
 * @see https://help.aliyun.com/zh/oss/user-guide/multipart-upload
 */
export const TRANSFER_LIMITS: Readonly<Record<ProviderKey, TransferLimits>> = {
  s3: { ...COMMON_LIMITS, minPart: 5 * MiB, maxObject: 5 * TiB },
  tencent: COMMON_LIMITS,
  aliyun: { ...COMMON_LIMITS, minPart: 100 * KiB },
};

/** The part size a multipart upload starts from, and the one the policy grows it to at most. */
export const PART_SIZE_RANGE = { from: 8 * MiB, to: 64 * MiB } as const;

/**
 * How many parts the policy aims a file at: enough for every lane of the in-flight controller to be
 * busy for a round or two, few enough that per-part round trips stay small next to the bytes.
 */
const TARGET_PARTS = 8;

/** Options of {@link planTransfer}. */
export interface TransferPolicyOptions {
  /** The cloud whose {@link TRANSFER_LIMITS} and {@link SINGLE_PUT_MAX} apply (default: `limits` alone). */
  provider?: ProviderKey;
  /** Limits overriding the provider's (default: the provider's, or the loosest of the three). */
  limits?: Partial<TransferLimits>;
  /** The app's fixed part size (plugin option `partSize`): files up to it go in one PUT, larger ones in parts of it. */
  partSize?: number;
  /** The part size of the checkpoint being resumed: kept, or the stored parts would not line up. */
  resumedPartSize?: number;
  /** Overrides the provider's {@link SINGLE_PUT_MAX}. */
  singlePutMax?: number;
}

/** What {@link planTransfer} decided for one file. */
export interface TransferPlan {
  mode: 'single' | 'multipart';
  /**
   * Size of every part but the last. For a single PUT at least the file's size, so a transport that
   * sends files "no larger than a part" in one PUT does so.
   */
  partSize: number;
  /** Parts the upload has (1 for a single PUT). */
  parts: number;
}

/**
 * Decides how one file travels: one PUT up to the provider's measured crossover, else a multipart
 * upload whose parts grow with the file (about {@link TARGET_PARTS} parts, 8 to 64 MiB each), always
 * within the cloud's limits. An app's fixed `partSize` and a resumed checkpoint's part size win.
 *
 * @throws `file_invalid` when even the largest parts cannot hold the file; `config_invalid` for
 *   inconsistent limits.
 * @example
 * planTransfer(256 * 2 ** 20, { provider: 's3' }) // { mode: 'multipart', partSize: 32 MiB, parts: 8 }
 */
export function planTransfer(fileSize: number, options: TransferPolicyOptions = {}): TransferPlan {
  const limits = limitsOf(options);
  const size = Math.max(0, fileSize);
  if (size > limits.maxObject) {
    throw vodError(
      'file_invalid',
      `The file (${size} bytes) is larger than ${limits.maxObject} bytes, the most the cloud stores in one object`,
    );
  }
  if (options.resumedPartSize !== undefined) return multipart(size, options.resumedPartSize);
  if (options.partSize !== undefined) {
    const partSize = fitPartSize(size, clamp(options.partSize, limits), limits);
    return size <= partSize ? single(partSize) : multipart(size, partSize);
  }
  const singleMax = Math.min(
    limits.maxSinglePut,
    options.singlePutMax ?? (options.provider ? SINGLE_PUT_MAX[options.provider] : 32 * MiB),
  );
  if (size <= singleMax) return single(Math.max(size, limits.minPart));
  const grown = Math.ceil(size / TARGET_PARTS / MiB) * MiB;
  const wanted = Math.min(PART_SIZE_RANGE.to, Math.max(PART_SIZE_RANGE.from, grown));
  return multipart(size, fitPartSize(size, clamp(wanted, limits), limits));
}

/** Options of `pickPartSize`; every store has its own limits. */
export interface PartSizeOptions {
  /** Smallest allowed part (S3 5 MiB, OSS 100 KiB, COS 1 MiB). Default 1 MiB. */
  min?: number;
  /** Largest allowed part. Default 5 GiB, the COS/OSS/S3 limit. */
  max?: number;
  /** Most parts one upload may have. Default 10,000 (COS, OSS, S3). */
  maxParts?: number;
  /** A fixed part size (the app's option). Absent: {@link planTransfer} decides from the file's size. */
  preferred?: number;
}

/**
 * The part size for an upload of `fileSize` bytes, as the transport takes it (files no larger than it
 * go in one PUT): `preferred`, grown (to whole MiB) when the file would otherwise need more than
 * `maxParts` parts, and kept within `min`..`max`; without `preferred`, {@link planTransfer}'s choice.
 *
 * @throws `file_invalid` when even `max`-sized parts cannot hold the file in `maxParts` parts.
 * @example
 * pickPartSize(50 * 2 ** 30, { min: 5 * 2 ** 20, preferred: 8 * 2 ** 20 }) // 8 MiB
 */
export function pickPartSize(fileSize: number, options: PartSizeOptions = {}): number {
  const limits: Partial<TransferLimits> = { minPart: options.min ?? MiB };
  if (options.max !== undefined) limits.maxPart = options.max;
  if (options.maxParts !== undefined) limits.maxParts = options.maxParts;
  return planTransfer(fileSize, { limits, partSize: options.preferred }).partSize;
}

function limitsOf(options: TransferPolicyOptions): TransferLimits {
  const base = options.provider ? TRANSFER_LIMITS[options.provider] : COMMON_LIMITS;
  const limits = { ...base, ...options.limits };
  if (limits.minPart > limits.maxPart || limits.maxParts < 1) {
    throw vodError(
      'config_invalid',
      `Part size limits are inconsistent (min ${limits.minPart}, max ${limits.maxPart}, maxParts ${limits.maxParts})`,
    );
  }
  return limits;
}

function clamp(partSize: number, limits: TransferLimits): number {
  return Math.min(limits.maxPart, Math.max(limits.minPart, partSize));
}

/** Grows `partSize` (to a whole MiB, unless that crosses the maximum) until the file fits in `maxParts`. */
function fitPartSize(size: number, partSize: number, limits: TransferLimits): number {
  const needed = Math.ceil(size / limits.maxParts);
  if (needed <= partSize) return partSize;
  const grown = Math.min(limits.maxPart, Math.ceil(needed / MiB) * MiB);
  if (grown < needed) {
    throw vodError(
      'file_invalid',
      `The file (${size} bytes) is too large for ${limits.maxParts} parts of ${limits.maxPart} bytes`,
    );
  }
  return grown;
}

function single(partSize: number): TransferPlan {
  return { mode: 'single', partSize, parts: 1 };
}

function multipart(size: number, partSize: number): TransferPlan {
  return { mode: 'multipart', partSize, parts: Math.max(1, Math.ceil(size / partSize)) };
}
