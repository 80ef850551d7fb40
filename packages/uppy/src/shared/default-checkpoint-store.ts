import type { UploadCheckpoint } from '@vod-uploader/core';
import { type CheckpointStore, MemoryCheckpointStore } from './checkpoint-store.js';

/**
 * The plugins' default store, IndexedDB in browsers (memory elsewhere), whose code loads on first use
 * (a resumable upload starting), not with the page: the page's first chunk stays small.
 */
class LazyIndexedDbStore implements CheckpointStore {
  private store: Promise<CheckpointStore> | undefined;

  private load(): Promise<CheckpointStore> {
    this.store ??= import('./indexeddb-checkpoint-store.js').then(
      (m) => new m.IndexedDbCheckpointStore(),
      // The chunk did not load (offline): checkpoints for this page live in memory.
      () => new MemoryCheckpointStore(),
    );
    return this.store;
  }

  async get(key: string): Promise<unknown> {
    return (await this.load()).get(key);
  }
  async put(key: string, checkpoint: UploadCheckpoint): Promise<void> {
    await (await this.load()).put(key, checkpoint);
  }
  async delete(key: string): Promise<void> {
    await (await this.load()).delete(key);
  }
  async clear(): Promise<void> {
    await (await this.load()).clear?.();
  }
}

let pageStore: CheckpointStore | undefined;

/** IndexedDB in browsers (one store, so one connection and one sweep, per page), memory elsewhere. */
export function defaultCheckpointStore(): CheckpointStore {
  if (typeof indexedDB === 'undefined') return new MemoryCheckpointStore();
  pageStore ??= new LazyIndexedDbStore();
  return pageStore;
}

/**
 * Deletes every upload checkpoint in `store` (default: the plugins' own IndexedDB store). Call it
 * when a user signs out of a browser others use, unless the plugins have a `checkpointScope`:
 * a checkpoint holds the user's temporary credential and ticket until its upload finishes or expires.
 */
export async function clearUploadCheckpoints(
  store: CheckpointStore = defaultCheckpointStore(),
): Promise<void> {
  await store.clear?.();
}
