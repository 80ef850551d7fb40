import type { UploadCheckpoint } from '@vod-uploader/core';

/** Where checkpoints live, by key. Every method resolves even when storage is unavailable. */
export interface CheckpointStore {
  get(key: string): Promise<unknown>;
  put(key: string, checkpoint: UploadCheckpoint): Promise<void>;
  delete(key: string): Promise<void>;
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
}

const DB_NAME = 'vod-uploader';
const STORE = 'checkpoints';

/**
 * Checkpoints in IndexedDB (database `vod-uploader`, store `checkpoints`): it survives reloads, and
 * unlike localStorage it is not capped at 5 MB nor synchronous. The database opens on first use, never
 * at import. Failures are swallowed on purpose: losing a checkpoint costs a restart, never the upload.
 */
export class IndexedDbCheckpointStore implements CheckpointStore {
  private db: Promise<IDBDatabase> | undefined;

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(STORE);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  }

  private async run(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<unknown> {
    try {
      const db = await this.open();
      return await new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = act(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } catch {
      return undefined;
    }
  }

  get(key: string): Promise<unknown> {
    return this.run('readonly', (store) => store.get(key));
  }
  async put(key: string, checkpoint: UploadCheckpoint): Promise<void> {
    await this.run('readwrite', (store) => store.put(checkpoint, key));
  }
  async delete(key: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(key));
  }
}

/** IndexedDB in browsers, memory elsewhere. */
export function defaultCheckpointStore(): CheckpointStore {
  return typeof indexedDB === 'undefined' ? new MemoryCheckpointStore() : new IndexedDbCheckpointStore();
}
