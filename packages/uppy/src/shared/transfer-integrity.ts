import {
  type CheckpointPart,
  classifyCloudError,
  isVodUploadError,
  type ProviderKey,
  type VodChecksum,
  type VodUploadError,
  vodError,
} from '@vod-uploader/core';
import type { ChecksumFn } from './compute-checksum.js';
import type { IntegrityScheme } from './multipart-protocol.js';
import type { PutBlobResponse } from './put-blob.js';
import type { VodWarning } from './vod-events.js';

/** How many times one part (or a single PUT) is sent again after its checksum did not match. */
export const MAX_RESENDS = 3;

/** What {@link TransferIntegrity} tells the uploader. */
export interface IntegrityHooks {
  /** Told once per transfer when the bucket answered no checksum (its CORS rules hide the header). */
  warn?: (warning: VodWarning) => void;
  /** Told each time a part is sent again because the bucket's checksum of it did not match. */
  onPartResent?: (partNumber: number, resends: number) => void;
}

/**
 * The integrity checks of one {@link BlobTransfer}: each part's checksum (computed once, off the main
 * thread, from the Blob slice that is sent), compared with the bucket's answer; the object's checksum
 * combined from the parts' and compared with CompleteMultipartUpload's. A bucket that answers no
 * checksum (a CORS rule that does not expose the header) is warned about once and the upload goes on
 * unverified: failing every upload of a misconfigured bucket would be worse than the check is worth.
 */
export class TransferIntegrity {
  /** Parts sent again after a checksum mismatch (a part sent twice counts twice). */
  resent = 0;
  private readonly sums = new Map<number, Promise<string>>();
  private readonly resendsOf = new Map<number, number>();
  private unverified = false;

  constructor(
    readonly scheme: IntegrityScheme | undefined,
    private readonly checksum: ChecksumFn,
    private readonly provider: ProviderKey,
    private readonly hooks: IntegrityHooks = {},
  ) {}

  /** True once the bucket answered something without a checksum: nothing it stored can be proven. */
  get isUnverified(): boolean {
    return this.unverified;
  }

  /** The checksum of part `partNumber` (0 for a single PUT), computed once per part. */
  checksumOf(partNumber: number, slice: Blob): Promise<string> | undefined {
    const { scheme } = this;
    if (!scheme) return undefined;
    let sum = this.sums.get(partNumber);
    if (!sum) {
      sum = this.checksum(slice, scheme.algorithm);
      // A failed read (file changed, worker died) is computed afresh next time.
      sum.catch(() => this.sums.delete(partNumber));
      this.sums.set(partNumber, sum);
    }
    return sum;
  }

  /**
   * Whether the bucket's answer to a sent part matches `expected`. `true` when it matches or when
   * nothing can be compared (no scheme, no header: warned once).
   */
  matches(response: PutBlobResponse, expected: string | undefined): boolean {
    const header = this.scheme?.answerHeader;
    if (!header || expected === undefined) return true;
    const answered = response.header(header);
    if (answered === undefined || answered === '') {
      this.warnUnverified();
      return true;
    }
    return answered === expected;
  }

  /** True for S3's refusal of a part whose declared checksum did not match the bytes it received. */
  isRefusedDigest(error: unknown): boolean {
    return (
      Boolean(this.scheme?.sentWithRequest) &&
      isVodUploadError(error) &&
      error.cloudCode !== undefined &&
      classifyCloudError({ provider: this.provider, cloudCode: error.cloudCode }).digestRefused === true
    );
  }

  /**
   * Counts a re-send of part `partNumber` after a mismatch; throws `integrity_failed` once the part has
   * been sent {@link MAX_RESENDS} times more (a link, or a bucket, that keeps changing the bytes).
   */
  resend(partNumber: number, what: string): void {
    const resends = (this.resendsOf.get(partNumber) ?? 0) + 1;
    if (resends > MAX_RESENDS) {
      throw this.failure(`${what} arrived damaged ${resends} times in a row; the upload was stopped.`);
    }
    this.resendsOf.set(partNumber, resends);
    this.resent += 1;
    this.hooks.onPartResent?.(partNumber, resends);
  }

  /**
   * Whether a part the bucket lists (after a reload) is the file's: its listed checksum (OSS, S3) must
   * equal ours; where the bucket lists none (COS), the checkpoint must have recorded this part, with
   * this ETag, as verified, or the ETag must be the MD5 of our slice. COS, like OSS and S3, gives an
   * unencrypted part's MD5 as its ETag, so a part stored while the client was not listening (in flight
   * at a reload or a dropped connection) is proven by one MD5 of its slice instead of sent again; a
   * bucket whose ETags are something else (server-side KMS encryption) only costs that re-send.
   * Anything else is sent again.
   */
  async trusts(listed: CheckpointPart, recorded: CheckpointPart | undefined, slice: Blob): Promise<boolean> {
    if (!this.scheme) return true;
    if (listed.checksum !== undefined) {
      const ours = await this.checksumOf(listed.partNumber, slice)?.catch(() => undefined);
      return ours === listed.checksum;
    }
    if (recorded?.checksum !== undefined && recorded.etag === listed.etag) return true;
    const etag = listed.etag.replace(/"/g, '').toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(etag)) return false;
    return (await this.checksum(slice, 'md5').catch(() => undefined)) === etag;
  }

  /**
   * The verified checksum of the object from its parts (in order), held against the one the bucket
   * answered. Throws `integrity_failed` on a mismatch; resolves undefined when there is nothing to
   * compare with (no scheme, no answer: warned once).
   */
  async verifyObject(
    parts: CheckpointPart[],
    answered: string | undefined,
  ): Promise<VodChecksum | undefined> {
    const { scheme } = this;
    if (!scheme) return undefined;
    const value = await this.combinedChecksum(parts);
    if (answered === undefined || answered === '' || value === undefined) {
      this.warnUnverified();
      return undefined;
    }
    if (answered !== value) {
      throw this.failure(
        `The object the bucket assembled has checksum ${answered}, but the file's parts give ${value}.`,
      );
    }
    return { algorithm: scheme.algorithm, value };
  }

  /** The object's checksum from its parts' (in order): what the bucket must answer for it. */
  async combinedChecksum(parts: CheckpointPart[]): Promise<string | undefined> {
    if (!this.scheme) return undefined;
    const { objectChecksumOf } = await import('./object-checksum.js');
    return objectChecksumOf(parts, this.scheme.algorithm, this.checksum);
  }

  /** The typed failure of an object whose bytes are not the file's. */
  failure(message: string): VodUploadError {
    return vodError('integrity_failed', message, { provider: this.provider, retryable: false });
  }

  private warnUnverified(): void {
    if (this.unverified) return;
    this.unverified = true;
    this.hooks.warn?.({
      code: 'integrity_unverified',
      message:
        'The bucket did not answer a checksum (its CORS rules may not expose the header), so this upload cannot be verified.',
    });
  }
}
