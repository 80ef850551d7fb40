import type { CheckpointPart, VodChecksum } from '@vod-uploader/core';
import { InFlightController, isVodUploadError, vodError } from '@vod-uploader/core';
import { isKeyTaken } from './cloud-error.js';
import type { ChecksumFn } from './compute-checksum.js';
import { abortedError, type UploadEnvironment } from './environment.js';
import type { CompleteAnswer, MultipartProtocol, SignedRequest } from './multipart-protocol.js';
import type { ProgressReporter } from './progress-reporter.js';
import { type PutBlobResponse, putBlob } from './put-blob.js';
import type { RetryOptions } from './retry-options.js';
import { runPartQueue } from './run-part-queue.js';
import type { IntegrityHooks, TransferIntegrity } from './transfer-integrity.js';
import { withRetry } from './with-retry.js';
import { workerChecksum } from './worker-checksum.js';

/** The round trip from which a part whose body is sent lets the next one start before its answer. */
const OVERLAP_ROUND_TRIP_MS = 50;

/** Options of {@link BlobTransfer}. */
export interface BlobTransferOptions {
  blob: Blob;
  protocol: MultipartProtocol;
  /** Size of every part but the last; files no larger than this go in one PUT. */
  partSize: number;
  /** Most parts in flight at once; an {@link InFlightController} picks how many within it. */
  concurrency: number;
  retry: Required<RetryOptions>;
  env: UploadEnvironment;
  progress: ProgressReporter;
  /** Continue this multipart upload (from a checkpoint); its parts are verified with ListParts first. */
  resume?: { uploadId: string; parts: CheckpointPart[] };
  /** Told when the multipart upload exists, so it can be checkpointed. */
  onUploadId?: (uploadId: string) => Promise<void> | void;
  /** Told after every stored part, so it can be checkpointed. */
  onPartStored?: (parts: CheckpointPart[]) => Promise<void> | void;
  /** `false` ignores the protocol's integrity scheme (to measure its cost); default true. */
  verify?: boolean;
  /** Computes part checksums when the protocol has an integrity scheme; the page's worker by default. */
  checksum?: ChecksumFn;
  /** Warnings (`integrity_unverified`) and re-sent parts, for the uploader to pass on. */
  integrity?: IntegrityHooks;
}

/**
 * Moves one Blob into one object: a single PUT when it fits in a part, else a multipart upload whose
 * parts go through the shared transport with per-part retry. `run()` may be called again after a pause
 * or failure: it continues from the parts already stored.
 */
export class BlobTransfer {
  /** The multipart upload id, once created. */
  uploadId: string | undefined;
  private readonly parts = new Map<number, CheckpointPart>();
  private verified = true;
  private cancelled = false;
  /** The object is complete on the bucket (and verified): nothing is left to send. */
  private finished = false;
  /** ListParts found the upload gone while every part was on record: Complete may have done it. */
  private perhapsCompleted = false;
  private creating: Promise<string> | undefined;
  /**
   * How long creating the multipart upload (or, resumed, listing its parts) took: a round trip to the
   * bucket, for the in-flight controller and the lane release.
   */
  private roundTripMs: number | undefined;
  private integrity: TransferIntegrity | undefined;
  /** The object's checksum, verified against the bucket's answer, once `run()` resolved (if it could be). */
  checksum: VodChecksum | undefined;

  constructor(private readonly options: BlobTransferOptions) {
    if (options.resume) {
      this.uploadId = options.resume.uploadId;
      for (const part of options.resume.parts) this.parts.set(part.partNumber, part);
      this.verified = false;
    }
  }

  /** Whether this blob goes as a multipart upload. */
  get isMultipart(): boolean {
    return this.options.blob.size > this.options.partSize;
  }

  /** How many parts (or single PUTs) were sent again because the bucket's checksum did not match. */
  get resentParts(): number {
    return this.integrity?.resent ?? 0;
  }

  /** Parts the bucket holds (as far as this transfer knows). */
  storedParts(): CheckpointPart[] {
    return [...this.parts.values()].sort((a, b) => a.partNumber - b.partNumber);
  }

  /** Sends what is missing; resolves once the object is complete on the bucket. */
  async run(signal: AbortSignal): Promise<void> {
    // Run again after a later step failed (the cover, the finish): the object is already complete.
    if (this.finished) return;
    const { progress } = this.options;
    // A new upload reports from the start (its first bytes are measured against the time the create
    // took); a resumed one only once ListParts said what is stored (see runMultipart).
    if (!this.uploadId) progress.start();
    try {
      const integrity = await this.integrityCheck();
      if (this.isMultipart) await this.runMultipart(signal, integrity);
      else await this.runSingle(signal, integrity);
      this.finished = true;
      progress.report();
    } catch (error) {
      // A part aborted by the failure or pause may still have been stored; the next run asks the
      // bucket (ListParts) instead of re-sending it.
      if (this.uploadId) this.verified = false;
      throw error;
    } finally {
      progress.stop();
    }
  }

  /** The checks of this transfer, loaded with the first run (kept out of the page's initial chunk). */
  private async integrityCheck(): Promise<TransferIntegrity> {
    if (!this.integrity) {
      const { TransferIntegrity } = await import('./transfer-integrity.js');
      const { options } = this;
      this.integrity ??= new TransferIntegrity(
        options.verify === false ? undefined : options.protocol.integrity,
        options.checksum ?? workerChecksum(),
        options.protocol.provider,
        options.integrity,
      );
    }
    return this.integrity;
  }

  /** Aborts the multipart upload on the bucket, if there is one. */
  async abortRemote(): Promise<boolean> {
    this.cancelled = true;
    // A cancel that lands while the upload is being created must still abort what gets created.
    await this.creating?.catch(() => undefined);
    if (!this.uploadId) return true;
    const ok = await this.options.protocol.abort(this.uploadId);
    if (ok) this.uploadId = undefined;
    return ok;
  }

  private async runSingle(signal: AbortSignal, integrity: TransferIntegrity): Promise<void> {
    const { blob, protocol, progress } = this.options;
    progress.setStored(0);
    progress.start();
    let value: string | undefined;
    for (;;) {
      const accepted = await withRetry(async (s) => {
        await assertUnchanged(blob, protocol.provider);
        const hashing = integrity.checksumOf(0, blob);
        const declared = integrity.scheme?.sentWithRequest ? await hashing : undefined;
        const signed = await protocol.signPut(blob.size, s, declared);
        try {
          const response = await this.send(signed, blob, 0, 'The upload', s);
          value = await hashing;
          return integrity.matches(response, value);
        } catch (error) {
          progress.resetPart(0);
          if (integrity.isRefusedDigest(error)) return false;
          if (!protocol.storedObject || !isKeyTaken(error, protocol.provider)) throw error;
          // The key holds an object, perhaps this PUT's first copy (its answer lost): the stored
          // object is checked as the PUT's answer would have been, and sent again if it is not ours.
          const stored = await protocol.storedObject(s).catch(() => undefined);
          if (!stored) throw error;
          value = await hashing;
          return integrity.matches(stored, value);
        }
      }, this.retryOptions(signal));
      if (accepted) break;
      progress.resetPart(0);
      try {
        integrity.resend(0, 'The upload');
      } catch (error) {
        await protocol.deleteObject?.().catch(() => false);
        throw error;
      }
    }
    progress.completePart(0, blob.size);
    // A single PUT is verified by its own answer (COS/OSS) or refused by the bucket (S3); an answer
    // without the header proves nothing, so the result then carries no checksum.
    this.checksum =
      integrity.scheme && value !== undefined && !integrity.isUnverified
        ? { algorithm: integrity.scheme.algorithm, value }
        : undefined;
  }

  private async runMultipart(signal: AbortSignal, integrity: TransferIntegrity): Promise<void> {
    const { blob, protocol, partSize, progress } = this.options;
    const count = Math.ceil(blob.size / partSize);
    const sizeOf = (n: number) => Math.min(partSize, blob.size - (n - 1) * partSize);

    if (this.uploadId && !this.verified) await this.verify(signal, sizeOf, integrity);
    const sliceOf = (n: number) => blob.slice((n - 1) * partSize, (n - 1) * partSize + sizeOf(n));
    if (!this.uploadId) {
      this.parts.clear();
      progress.restart();
      // The first part is hashed while the upload is created: S3 signs its checksum, so it would wait.
      if (integrity.scheme?.sentWithRequest) void integrity.checksumOf(1, sliceOf(1))?.catch(() => {});
      const createdAt = this.options.env.now();
      this.creating = withRetry((s) => protocol.create(s), this.retryOptions(signal)).then((id) => {
        this.roundTripMs = this.options.env.now() - createdAt;
        this.uploadId = id;
        return id;
      });
      try {
        await this.creating;
      } finally {
        this.creating = undefined;
      }
      if (this.cancelled) throw abortedError();
      await this.options.onUploadId?.(this.uploadId as string);
    }
    const uploadId = this.uploadId as string;
    progress.setStored(this.storedParts().reduce((sum, p) => sum + p.size, 0));
    // The beat starts once what is stored is known: a "0 bytes" before a resumed upload's real count
    // would read as a burst of speed.
    progress.start();

    const missing: number[] = [];
    for (let n = 1; n <= count; n++) if (!this.parts.has(n)) missing.push(n);
    const { concurrency } = this.options;
    const flow = new InFlightController({ partSize, max: concurrency, now: () => this.options.env.now() });
    if (this.roundTripMs !== undefined) flow.observeRoundTrip(this.roundTripMs);
    // Constant for the run: on a short round trip releasing lanes would only add parts in flight.
    const overlap = (this.roundTripMs ?? 0) >= OVERLAP_ROUND_TRIP_MS;
    const signer = new SignAhead(missing, concurrency, this.options.env, async (n, s) => {
      // S3 signs the part's checksum as a header, so the part is hashed before it is signed.
      const declared = integrity.scheme?.sentWithRequest
        ? await integrity.checksumOf(n, sliceOf(n))
        : undefined;
      return protocol.signPart(uploadId, n, sizeOf(n), s, declared);
    });
    await runPartQueue(missing, {
      ...this.retryOptions(signal),
      concurrency,
      flow,
      bytesOf: sizeOf,
      run: async (n, s, releaseLane) => {
        const size = sizeOf(n);
        const slice = sliceOf(n);
        let part: CheckpointPart | undefined;
        while (!part) {
          const [, signed] = await Promise.all([assertUnchanged(blob, protocol.provider), signer.take(n, s)]);
          // Hashed while it is sent (COS/OSS), or already hashed to be signed (S3): one read each way.
          const hashing = integrity.checksumOf(n, slice);
          // Once the whole body is handed to the network, what is left of it is in buffers and on
          // the wire and the answer is a round trip away: the next part sets out now. Parallel parts
          // share the link and end together, so without this a long link idles a round trip a round.
          const releaseWhenSent = overlap
            ? (loaded: number) => {
                if (loaded >= size) releaseLane();
              }
            : undefined;
          let response: PutBlobResponse;
          try {
            response = await this.send(signed, slice, n, `Part ${n}`, s, releaseWhenSent);
          } catch (error) {
            progress.resetPart(n);
            if (!integrity.isRefusedDigest(error)) throw error;
            integrity.resend(n, `Part ${n}`);
            continue;
          }
          const checksum = await hashing;
          if (!integrity.matches(response, checksum)) {
            progress.resetPart(n);
            integrity.resend(n, `Part ${n}`);
            continue;
          }
          part = { partNumber: n, etag: response.etag as string, size };
          if (checksum !== undefined) part.checksum = checksum;
        }
        this.parts.set(n, part);
        progress.completePart(n, size);
        // Not awaited: the next part need not wait for IndexedDB (resume trusts ListParts, not this list).
        void Promise.resolve(this.options.onPartStored?.(this.storedParts())).catch(() => {});
      },
    });
    // Last chance to notice the file changed on disk: completing would store old and new bytes mixed.
    await assertUnchanged(blob, protocol.provider);
    const parts = this.storedParts();
    try {
      const answer = await withRetry(
        (s) =>
          protocol.complete(uploadId, parts, s).catch(async (error: unknown) => {
            const found = await this.completedBefore(error, parts, integrity, s);
            if (found) return found;
            throw error;
          }),
        this.retryOptions(signal),
      );
      this.checksum = await integrity.verifyObject(parts, answer?.checksum);
    } catch (error) {
      if (this.perhapsCompleted && isVodUploadError(error) && error.code === 'not_found') {
        // Not completed after all (no object, or not these parts'): the upload had expired.
        this.perhapsCompleted = false;
        this.uploadId = undefined;
        return this.runMultipart(signal, integrity);
      }
      // Found here or by the endpoint that completed it (S3), the object is not the file: it must not
      // be committed, and a retry starts a new upload.
      if (!isVodUploadError(error) || error.code !== 'integrity_failed') throw error;
      this.uploadId = undefined;
      this.parts.clear();
      await protocol.deleteObject?.().catch(() => false);
      throw error;
    }
  }

  /**
   * A Complete that found its upload gone (`not_found`) or its key taken may have completed before:
   * a browser resends a request whose answer it lost, and the resend meets what the first did. The
   * object the key holds is the one these parts made when its checksum is their combined one; then
   * its answer stands in for Complete's. Anything else (no object, no checksum, another body) is the
   * original failure (`not_found` starts a new upload).
   */
  private async completedBefore(
    error: unknown,
    parts: CheckpointPart[],
    integrity: TransferIntegrity,
    signal?: AbortSignal,
  ): Promise<CompleteAnswer | undefined> {
    const { protocol } = this.options;
    const header = integrity.scheme?.answerHeader;
    if (!protocol.storedObject || !header || !isVodUploadError(error)) return undefined;
    if (error.code !== 'not_found' && !isKeyTaken(error, protocol.provider)) return undefined;
    const stored = await protocol.storedObject(signal).catch(() => undefined);
    const checksum = stored?.header(header);
    if (!checksum || checksum !== (await integrity.combinedChecksum(parts))) return undefined;
    return { checksum };
  }

  /**
   * Trusts the bucket, not the checkpoint: keeps the parts ListParts shows with the expected size and,
   * with an integrity scheme, only those whose checksum is the file's ({@link TransferIntegrity.trusts}).
   */
  private async verify(
    signal: AbortSignal,
    sizeOf: (n: number) => number,
    integrity: TransferIntegrity,
  ): Promise<void> {
    const uploadId = this.uploadId as string;
    const { blob, partSize } = this.options;
    try {
      const listedAt = this.options.env.now();
      const listed = await withRetry(
        (s) => this.options.protocol.listParts(uploadId, s),
        this.retryOptions(signal),
      );
      // A resumed upload creates nothing: its round trip to the bucket is this one.
      this.roundTripMs ??= this.options.env.now() - listedAt;
      const recorded = new Map(this.parts);
      this.parts.clear();
      for (const part of listed) {
        if (part.size !== sizeOf(part.partNumber)) continue;
        const n = part.partNumber;
        const slice = blob.slice((n - 1) * partSize, (n - 1) * partSize + part.size);
        if (!(await integrity.trusts(part, recorded.get(n), slice))) continue;
        // A part trusted by its MD5 ETag has no checksum on record: ours of the slice joins the combine.
        const checksum =
          part.checksum ??
          recorded.get(n)?.checksum ??
          (await integrity.checksumOf(n, slice)?.catch(() => undefined));
        this.parts.set(n, checksum === undefined ? part : { ...part, checksum });
      }
    } catch (error) {
      if (signal.aborted || !isVodUploadError(error) || error.code === 'aborted') throw error;
      // An outage the retries did not outlast, or an expired credential: the file fails (retryably)
      // and keeps its upload and parts, so a retry lists them again instead of sending every byte.
      if (error.code !== 'not_found' && (error.retryable || error.code === 'credential_expired')) throw error;
      // The endpoint refused the session's ticket (another sign-in's checkpoint): not the bucket's
      // answer about the upload, which is left as it is; the file upload decides what comes next.
      if (error.field === 'ticket') throw error;
      this.perhapsCompleted = error.code === 'not_found' && this.coversFile(sizeOf);
      // Gone with every part stored: perhaps completed, its answer lost to a reload or a pause. Complete
      // is asked again with these parts: it proves such an object, or finds nothing and starts anew.
      if (!this.perhapsCompleted) {
        // Gone (expired, aborted elsewhere), or not listable here (a refused ListParts): start a new
        // upload rather than fail the file; one that may still exist is aborted, best effort.
        if (error.code !== 'not_found') void this.options.protocol.abort(uploadId).catch(() => false);
        this.uploadId = undefined;
        this.parts.clear();
      }
    }
    this.verified = true;
  }

  /** Whether the parts on record are every part of the file, each of its size. */
  private coversFile(sizeOf: (n: number) => number): boolean {
    const count = Math.ceil(this.options.blob.size / this.options.partSize);
    for (let n = 1; n <= count; n++) if (this.parts.get(n)?.size !== sizeOf(n)) return false;
    return true;
  }

  private async send(
    signed: { url: string; method?: 'PUT' | 'POST'; headers?: Record<string, string> },
    body: Blob,
    partNumber: number,
    what: string,
    signal: AbortSignal | undefined,
    onLoaded?: (loaded: number) => void,
  ): Promise<PutBlobResponse> {
    const { progress, protocol, retry } = this.options;
    const response = await putBlob({
      url: signed.url,
      method: signed.method,
      headers: signed.headers,
      body,
      idleTimeoutMs: retry.idleTimeoutMs,
      signal,
      onProgress: (loaded) => {
        progress.setPartLoaded(partNumber, loaded);
        onLoaded?.(loaded);
      },
      provider: protocol.provider,
      what,
    });
    if (!response.etag) {
      throw vodError(
        'config_invalid',
        'The bucket does not expose the ETag header to the browser (fix its CORS rules).',
        {
          provider: protocol.provider,
          retryable: false,
        },
      );
    }
    return response;
  }

  private retryOptions(signal: AbortSignal) {
    const { retry, env, protocol } = this.options;
    return { retry, env, signal, recover: protocol.recover?.bind(protocol) };
  }
}

/**
 * Fails with `file_changed` when the file behind `blob` was modified on disk after it was chosen.
 * Browsers refuse to read such a file (`NotReadableError`), but an XHR upload of it does not fail:
 * Chromium silently sends the new bytes. So one byte is read before each request and before
 * completing; that costs microseconds and keeps a changed file from being stored half old, half new.
 */
export async function assertUnchanged(blob: Blob, provider: MultipartProtocol['provider']): Promise<void> {
  if (blob.size === 0 || typeof blob.slice !== 'function') return;
  try {
    await blob.slice(0, 1).arrayBuffer();
  } catch (cause) {
    throw vodError('file_changed', 'The file changed on disk while it was being uploaded.', {
      provider,
      retryable: false,
      cause,
    });
  }
}

/**
 * Signs parts' requests ahead: when the part at queue position p starts, the next `concurrency`
 * parts in the queue are signed (or being signed) already, whatever number of lanes the in-flight
 * controller runs, so a remote signature (S3's `/s3/sign`, one endpoint round trip, after hashing the
 * part) is not a gap before a part — neither the next round's nor a lane the controller adds. A
 * signature made ahead is used once, within {@link SignAhead.maxAgeMs}; a retry, or a failed or stale
 * one, signs afresh.
 */
class SignAhead {
  static readonly maxAgeMs = 60_000;
  private readonly ahead = new Map<number, { at: number; signed: Promise<SignedRequest | undefined> }>();
  private readonly position = new Map<number, number>();
  /** The furthest queue position taken or signed ahead: nothing up to it is signed ahead again. */
  private horizon = -1;

  constructor(
    private readonly order: readonly number[],
    private readonly concurrency: number,
    private readonly env: Pick<UploadEnvironment, 'now'>,
    private readonly sign: (partNumber: number, signal?: AbortSignal) => Promise<SignedRequest>,
  ) {
    for (const [i, n] of order.entries()) this.position.set(n, i);
  }

  async take(partNumber: number, signal?: AbortSignal): Promise<SignedRequest> {
    const at = this.position.get(partNumber) ?? -1;
    const last = Math.min(at + this.concurrency, this.order.length - 1);
    for (let i = Math.max(this.horizon, at) + 1; i <= last; i++) {
      const next = this.order[i] as number;
      // Without the part's signal: it belongs to the part that will use it. A failure is retried then.
      this.ahead.set(next, { at: this.env.now(), signed: this.sign(next).catch(() => undefined) });
    }
    this.horizon = Math.max(this.horizon, last, at);
    const made = this.ahead.get(partNumber);
    this.ahead.delete(partNumber);
    const early = made && this.env.now() - made.at < SignAhead.maxAgeMs ? await made.signed : undefined;
    return early ?? this.sign(partNumber, signal);
  }
}
