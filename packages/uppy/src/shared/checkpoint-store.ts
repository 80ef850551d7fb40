import type { UploadCheckpoint } from '@vod-uploader/core';

/** Where checkpoints live, by key. Every method resolves even when storage is unavailable. */
export interface CheckpointStore {
  get(key: string): Promise<unknown>;
  put(key: string, checkpoint: UploadCheckpoint): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes every checkpoint (`clearUploadCheckpoints`, e.g. on sign-out); optional for own stores. */
  clear?(): Promise<void>;
}

/** Checkpoints in memory: for tests, and where IndexedDB is missing (SSR, some private modes). */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly records = new Map<string, UploadCheckpoint>();
  async get(key: string): Promise<unknown> {
    return structuredClone(this.records.get(key));
  }
  async put(key: string, checkpoint: UploadCheckpoint): Promise<void> {
    this.records.set(key, structuredClone(checkpoint));
  }
  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }
  async clear(): Promise<void> {
    this.records.clear();
  }
}
