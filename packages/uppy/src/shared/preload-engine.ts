import { warmChecksum } from './worker-checksum.js';

/**
 * Loads the lazy chunks every first upload needs whatever its provider (the engine, its integrity
 * checks, the object checksum, the checkpoint store) and starts the checksum worker. Each is otherwise loaded on the
 * upload's own path: ~10–30 ms before the first byte of an upload that starts right after install.
 */
export async function preloadEngine(): Promise<void> {
  await Promise.all([
    import('./file-upload.js'),
    import('./transfer-integrity.js'),
    import('./object-checksum.js'),
    import('./indexeddb-checkpoint-store.js'),
    warmChecksum(),
  ]);
}
