import type { ProviderKey } from '@vod-uploader/core';

/** A part the bucket has stored. */
export interface StoredPart {
  partNumber: number;
  etag: string;
  size: number;
}

/**
 * What is needed to continue a multipart upload after a reload: who (provider, endpoint), where (the
 * decoded target, incl. its credential), which upload and which parts are done.
 */
export interface UploadCheckpoint<TTarget = unknown> {
  /** `provider|endpoint|fingerprint`, see {@link checkpointKey}. */
  key: string;
  provider: ProviderKey;
  endpoint: string;
  fingerprint: string;
  target: TTarget;
  uploadId: string;
  partSize: number;
  parts: StoredPart[];
  /** Epoch ms after which the checkpoint is useless (credential or multipart upload gone). */
  expiresAt: number;
  updatedAt: number;
}

/** Where checkpoints live. Every method resolves even when storage is unavailable. */
export interface CheckpointStore {
  get<T>(key: string): Promise<UploadCheckpoint<T> | undefined>;
  put(checkpoint: UploadCheckpoint): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The key of a file's checkpoint: the same file sent to the same endpoint by the same provider. */
export function checkpointKey(provider: ProviderKey, endpoint: string, fingerprint: string): string {
  return `${provider}|${endpoint}|${fingerprint}`;
}

/** Checkpoints in memory: for tests, and where IndexedDB is missing (SSR, some private modes). */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly records = new Map<string, UploadCheckpoint>();
  async get<T>(key: string): Promise<UploadCheckpoint<T> | undefined> {
    return structuredClone(this.records.get(key)) as UploadCheckpoint<T> | undefined;
  }
  async put(checkpoint: UploadCheckpoint): Promise<void> {
    this.records.set(checkpoint.key, structuredClone(checkpoint));
  }
  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }
}

const DB_NAME = 'vod-uploader';
const STORE = 'checkpoints';

/**
 * Checkpoints in IndexedDB (database `vod-uploader`, store `checkpoints`), which survives reloads and
 * is not limited to 5 MB like localStorage. The database opens on first use, never at import.
 * Failures are swallowed on purpose: losing a checkpoint costs a restart, never the upload.
 */
export class IndexedDbCheckpointStore implements CheckpointStore {
  private db: Promise<IDBDatabase> | undefined;

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(STORE, { keyPath: 'key' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  }

  private async run<T>(
    mode: IDBTransactionMode,
    act: (store: IDBObjectStore) => IDBRequest,
  ): Promise<T | undefined> {
    try {
      const db = await this.open();
      return await new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = act(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result as T);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } catch {
      return undefined;
    }
  }

  get<T>(key: string): Promise<UploadCheckpoint<T> | undefined> {
    return this.run<UploadCheckpoint<T>>('readonly', (store) => store.get(key));
  }
  async put(checkpoint: UploadCheckpoint): Promise<void> {
    await this.run('readwrite', (store) => store.put(checkpoint));
  }
  async delete(key: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(key));
  }
}

/** IndexedDB in browsers, memory elsewhere. */
export function defaultCheckpointStore(): CheckpointStore {
  return typeof indexedDB === 'undefined' ? new MemoryCheckpointStore() : new IndexedDbCheckpointStore();
}
