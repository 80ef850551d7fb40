import { describe, expect, it } from 'vitest';
import { MemorySharedStore } from '../store/memory-shared-store.js';
import { mediaEventRuntime } from './media-event-runtime.js';

const clouds = {
  aliyun: { accessKeyId: 'LTAI-test', accessKeySecret: 'secret-test', regionId: 'cn-shanghai' },
  allowAnyone: true as const,
  onMediaEvent: () => {},
};

describe('mediaEventRuntime', () => {
  it("keeps delivered ids in the handler config's store (shared by every instance), else one per config", () => {
    const shared = new MemorySharedStore();
    expect(mediaEventRuntime({ config: { ...clouds, store: shared } }).store).toBe(shared);
    const own = new MemorySharedStore();
    expect(mediaEventRuntime({ config: { ...clouds, store: shared }, store: own }).store).toBe(own);
    const config = { ...clouds };
    const first = mediaEventRuntime({ config }).store;
    expect(mediaEventRuntime({ config }).store).toBe(first);
    expect(first).not.toBe(shared);
  });
});
