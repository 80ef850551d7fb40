import { isVodUploadError, S3_SIGN_BATCH_MAX, type S3PartToSign } from '@vod-uploader/core';
import { abortedError } from '../shared/environment.js';
import type { SignedRequest } from '../shared/multipart-protocol.js';

/** Signs parts in one endpoint call (`S3SignRequest.parts`); resolves one signed request per part, in order. */
export type SignPartsFn = (parts: S3PartToSign[]) => Promise<SignedRequest[]>;

/** Signs one part in one endpoint call (the pre-batch contract). */
export type SignPartFn = (part: S3PartToSign, signal?: AbortSignal) => Promise<SignedRequest>;

/** Options of {@link S3PartSigner}. */
export interface S3PartSignerOptions {
  signParts: SignPartsFn;
  signPart: SignPartFn;
  /**
   * How long a sign request waits for others to join its batch (default 4 ms): the parts the
   * transport signs ahead arrive as their checksums are computed, a few ms apart; an endpoint round
   * trip is ≥ 1 ms on loopback and 50–300 ms across the internet.
   */
  windowMs?: number;
}

interface Waiting {
  part: S3PartToSign;
  resolve: (signed: SignedRequest) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the part signatures asked for within a short window into one `/s3/sign` call of up to
 * {@link S3_SIGN_BATCH_MAX} parts, each part signed as before (its own `Content-Length` and CRC32C,
 * bound to the caller by the session's ticket). An endpoint that refuses the batch field (one older
 * than the batch contract answers `request_invalid`) is asked one part at a time from then on.
 */
export class S3PartSigner {
  private queue: Waiting[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private batching = true;
  /** Endpoint calls made, for tests and the bench. */
  calls = 0;

  constructor(private readonly options: S3PartSignerOptions) {}

  /** Signs `part`, in a batch with the parts asked for around the same time. */
  sign(part: S3PartToSign, signal?: AbortSignal): Promise<SignedRequest> {
    if (signal?.aborted) return Promise.reject(abortedError());
    if (!this.batching) {
      this.calls += 1;
      return this.options.signPart(part, signal);
    }
    return new Promise<SignedRequest>((resolve, reject) => {
      const onAbort = () => reject(abortedError());
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.queue.push({
        part,
        resolve: (signed) => {
          done();
          resolve(signed);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      if (this.queue.length >= S3_SIGN_BATCH_MAX) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs ?? 4);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue.splice(0, S3_SIGN_BATCH_MAX);
    if (this.queue.length) this.timer = setTimeout(() => this.flush(), 0);
    if (batch.length === 0) return;
    this.calls += 1;
    // Without a signal: the batch serves several parts; each part's own abort rejects only its promise.
    this.options.signParts(batch.map((w) => w.part)).then(
      (signed) => {
        for (const [i, waiting] of batch.entries()) waiting.resolve(signed[i] as SignedRequest);
      },
      (error) => {
        if (isVodUploadError(error) && error.code === 'request_invalid') {
          this.batching = false;
          for (const waiting of batch) {
            this.calls += 1;
            this.options.signPart(waiting.part).then(waiting.resolve, waiting.reject);
          }
          return;
        }
        for (const waiting of batch) waiting.reject(error);
      },
    );
  }
}
