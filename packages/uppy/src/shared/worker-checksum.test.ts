import { afterEach, describe, expect, it } from 'vitest';
import type { ChecksumRequest } from './worker-checksum.js';

/** A Worker that answers every request with its algorithm's name, and counts how many were started. */
class FakeWorker extends EventTarget {
  static started = 0;
  constructor() {
    super();
    FakeWorker.started += 1;
  }
  postMessage(request: ChecksumRequest) {
    setTimeout(() =>
      this.dispatchEvent(
        Object.assign(new Event('message'), { data: { id: request.id, value: request.algorithm } }),
      ),
    );
  }
  terminate() {}
}

const original = globalThis.Worker;
afterEach(() => {
  globalThis.Worker = original;
});

describe('warmChecksum', () => {
  it('starts the one checksum worker ahead of the first part, which then hashes there', async () => {
    globalThis.Worker = FakeWorker as unknown as typeof Worker;
    const { warmChecksum, workerChecksum } = await import('./worker-checksum.js');
    await warmChecksum();
    expect(FakeWorker.started).toBe(1);
    expect(await workerChecksum()(new Blob(['part']), 'crc32c')).toBe('crc32c');
    expect(FakeWorker.started).toBe(1);
  });
});
