import type { ProviderKey } from '@vod-uploader/core';
import {
  type CheckpointStore,
  checkpointKey,
  type StoredPart,
  type UploadCheckpoint,
} from './checkpoint-store.js';
import { fileFingerprint } from './pending-core.js';

/**
 * One file's checkpoint, as an uploader uses it: read once at start, written as the upload id and
 * parts become known, deleted on success or cancel. A no-op when resume is off.
 */
export class Checkpointing<TTarget> {
  readonly key: string;
  private base: Omit<UploadCheckpoint<TTarget>, 'uploadId' | 'parts' | 'updatedAt'> | undefined;
  private uploadId: string | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: CheckpointStore | undefined,
    private readonly provider: ProviderKey,
    private readonly endpoint: string,
    file: { name: string; size: number; lastModified: number },
    private readonly now: () => number,
  ) {
    this.key = checkpointKey(provider, endpoint, fileFingerprint(file));
  }

  /** The saved checkpoint, unless it has expired (then it is deleted). */
  async load(): Promise<UploadCheckpoint<TTarget> | undefined> {
    if (!this.store) return undefined;
    const found = await this.store.get<TTarget>(this.key);
    if (!found) return undefined;
    if (found.expiresAt <= this.now()) {
      await this.store.delete(this.key);
      return undefined;
    }
    return found;
  }

  /** Sets what every later write stores (the target and how long it stays useful). */
  begin(target: TTarget, partSize: number, expiresAt: number): void {
    this.base = {
      key: this.key,
      provider: this.provider,
      endpoint: this.endpoint,
      fingerprint: this.key,
      target,
      partSize,
      expiresAt,
    };
  }

  /** Records the upload id (a new upload has no parts yet). */
  saveUploadId(uploadId: string): Promise<void> {
    this.uploadId = uploadId;
    return this.save([]);
  }

  /** Records the stored parts. Writes are serialized so an older list never overwrites a newer one. */
  save(parts: StoredPart[]): Promise<void> {
    const { store, base, uploadId } = this;
    if (!store || !base || !uploadId) return Promise.resolve();
    const record: UploadCheckpoint = { ...base, uploadId, parts, updatedAt: this.now() };
    this.writes = this.writes.then(() => store.put(record));
    return this.writes;
  }

  /** Forgets the checkpoint (success, cancel, or a restart with a new target). */
  async clear(): Promise<void> {
    this.base = undefined;
    this.uploadId = undefined;
    await this.writes;
    await this.store?.delete(this.key);
  }
}
