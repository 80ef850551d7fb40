import type { UploadCheckpoint } from '@vod-uploader/core';
import type { CheckpointStore } from './checkpoint-store.js';

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
      request.onsuccess = () => {
        resolve(request.result);
        sweepExpired(request.result);
      };
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
  async clear(): Promise<void> {
    await this.run('readwrite', (store) => store.clear());
  }
}

/** Past its expiry by more than this, a checkpoint is deleted (its clock is the cloud's, not ours). */
const SWEEP_MARGIN_MS = 60 * 60 * 1000;

/** Whether a stored record is no checkpoint at all, or one past its expiry by the margin. */
export function isLongExpired(value: unknown, now: number): boolean {
  const expiresAt = (value as { expiresAt?: unknown } | undefined)?.expiresAt;
  return typeof expiresAt !== 'number' || expiresAt + SWEEP_MARGIN_MS < now;
}

/**
 * Deletes, once per page, the checkpoints of files never chosen again since they expired: each holds
 * a temporary credential and a ticket, which should not outlive their use. Best effort.
 */
function sweepExpired(db: IDBDatabase): void {
  try {
    const cursor = db.transaction(STORE, 'readwrite').objectStore(STORE).openCursor();
    const now = Date.now();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      if (isLongExpired(at.value, now)) at.delete();
      at.continue();
    };
  } catch {
    // A closing or blocked database: the next page sweeps.
  }
}
