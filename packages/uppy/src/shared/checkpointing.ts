import {
  type CheckpointPart,
  fileFingerprint,
  isCheckpointUsable,
  type ProviderKey,
  type UploadCheckpoint,
} from '@vod-uploader/core';
import type { CheckpointStore } from './checkpoint-store.js';
import { lastModifiedOf } from './file-info.js';
import type { UploaderContext } from './file-uploader.js';

/** How long a checkpoint is kept at most; object stores clean up stale multipart uploads after days. */
const MAX_CHECKPOINT_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The key of a file's checkpoint: the same file sent to the same endpoint by the same provider, for
 * the same user when the app names one (`checkpointScope`).
 */
function checkpointKey(
  provider: ProviderKey,
  endpoint: string,
  fingerprint: string,
  scope: string | undefined,
): string {
  return scope === undefined
    ? `${provider}|${endpoint}|${fingerprint}`
    : `${provider}|${endpoint}|${encodeURIComponent(scope)}|${fingerprint}`;
}

/** What a checkpoint records besides the upload id and parts. */
export interface CheckpointBasis<TTarget> {
  target: TTarget;
  partSize: number;
  /** Set only when the credential cannot be renewed (Tencent): resuming past it is pointless. */
  credentialExpiresAt?: number;
  /** The endpoint's ticket of the session, without which a resumed upload cannot finish. */
  ticket?: string;
}

/**
 * One file's checkpoint, as an uploader uses it: read once at start, written as the upload id and
 * parts become known, deleted on success or cancel. A no-op when resume is off.
 */
export class Checkpointing<TTarget> {
  readonly key: string;
  private readonly fingerprint: string;
  private basis: CheckpointBasis<TTarget> | undefined;
  private uploadId: string | undefined;
  private createdAt = 0;
  private writes: Promise<void> = Promise.resolve();
  /** The record waiting for the write in progress to finish. */
  private newest: UploadCheckpoint | undefined;
  /** Whether the store may hold this file's checkpoint (one was loaded or written): else clear reads nothing. */
  private held = false;

  /** The checkpoint of the file an uploader is given, on the cloud's clock. */
  static forFile<TTarget>(ctx: UploaderContext, provider: ProviderKey): Checkpointing<TTarget> {
    const { file, settings, data } = ctx;
    return new Checkpointing<TTarget>(
      settings.checkpoints,
      provider,
      settings.endpoint,
      { name: file.name ?? 'file', size: data.size, lastModified: lastModifiedOf(data) },
      () => ctx.client.now(),
      settings.checkpointScope,
    );
  }

  constructor(
    private readonly store: CheckpointStore | undefined,
    private readonly provider: ProviderKey,
    private readonly endpoint: string,
    file: { name: string; size: number; lastModified: number },
    private readonly now: () => number,
    scope?: string,
  ) {
    this.fingerprint = fileFingerprint(file);
    this.key = checkpointKey(provider, endpoint, this.fingerprint, scope);
  }

  /** The saved checkpoint, if it is well-formed and still usable (else it is deleted). */
  async load(): Promise<UploadCheckpoint<TTarget> | undefined> {
    if (!this.store) return undefined;
    const found = await this.store.get(this.key);
    if (found === undefined) return undefined;
    if (
      !isCheckpointUsable(found, this.now()) ||
      found.provider !== this.provider ||
      found.endpoint !== this.endpoint
    ) {
      await this.store.delete(this.key);
      return undefined;
    }
    this.held = true;
    return found as UploadCheckpoint<TTarget>;
  }

  /** Sets what every later write stores. */
  begin(basis: CheckpointBasis<TTarget>): void {
    this.basis = basis;
    this.uploadId = undefined;
    this.createdAt = this.now();
  }

  /** Records the upload id and the parts already stored (none for a new upload). */
  saveUploadId(uploadId: string, parts: CheckpointPart[] = []): Promise<void> {
    this.uploadId = uploadId;
    return this.save(parts);
  }

  /** Records the stored parts. Writes are serialized so an older list never overwrites a newer one. */
  save(parts: CheckpointPart[]): Promise<void> {
    const { store, basis, uploadId } = this;
    if (!store || !basis || !uploadId) return Promise.resolve();
    const record: UploadCheckpoint<TTarget> = {
      version: 1,
      provider: this.provider,
      endpoint: this.endpoint,
      fingerprint: this.fingerprint,
      target: basis.target,
      uploadId,
      partSize: basis.partSize,
      doneParts: parts,
      createdAt: this.createdAt,
      expiresAt: Math.min(
        this.createdAt + MAX_CHECKPOINT_AGE_MS,
        basis.credentialExpiresAt ?? Number.POSITIVE_INFINITY,
      ),
    };
    if (basis.credentialExpiresAt !== undefined) record.credentialExpiresAt = basis.credentialExpiresAt;
    if (basis.ticket !== undefined) record.ticket = basis.ticket;
    // Coalesced: while a write runs, only the newest record waits for the next one. A failed write is
    // not an error (the checkpoint is a hint; resume asks the bucket which parts it holds).
    const queued = this.newest !== undefined;
    this.newest = record as UploadCheckpoint;
    this.held = true;
    if (!queued) {
      this.writes = this.writes.then(async () => {
        const newest = this.newest;
        this.newest = undefined;
        if (newest) await store.put(this.key, newest).catch(() => {});
      });
    }
    return this.writes;
  }

  /**
   * Forgets the checkpoint (success, cancel, or a restart with a new target). One that was never
   * loaded or written (a single PUT's) costs no IndexedDB call on the way to the result.
   */
  async clear(): Promise<void> {
    this.basis = undefined;
    this.uploadId = undefined;
    this.newest = undefined;
    await this.writes;
    if (!this.held) return;
    this.held = false;
    await this.store?.delete(this.key);
  }
}
