import { describe, expect, it } from 'vitest';
import { MemorySharedStore } from '../store/memory-shared-store.js';
import type { SharedStore } from '../store/shared-store.js';
import { deliverOnce } from './deliver-once.js';
import type { MediaEvent } from './media-event.js';

const event: MediaEvent = {
  id: 'tencent:5285890000000001:media.uploaded',
  type: 'media.uploaded',
  provider: 'tencent',
  mediaId: '5285890000000001',
  source: 'tencent-pull',
  raw: {},
};

/** Another instance's view of the same store: its own object, as a second process would have. */
function instanceOn(store: SharedStore): SharedStore {
  return {
    setIfAbsent: (...a) => store.setIfAbsent(...a),
    get: (...a) => store.get(...a),
    set: (...a) => store.set(...a),
    delete: (...a) => store.delete(...a),
    increment: (...a) => store.increment(...a),
    extendIfEqual: (...a) => store.extendIfEqual(...a),
    deleteIfEqual: (...a) => store.deleteIfEqual(...a),
  };
}

function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const shut = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { shut, open, fail };
}

describe('deliverOnce', () => {
  it('media events: an event another instance is still handling is not a duplicate until that handler returns', async () => {
    const shared = new MemorySharedStore();
    const handling = gate();
    const handled: string[] = [];
    const first = deliverOnce(instanceOn(shared), event, async (e) => {
      await handling.shut;
      handled.push(`a:${e.type}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    let secondSettled = false;
    const second = deliverOnce(instanceOn(shared), event, (e) => {
      handled.push(`b:${e.type}`);
    }).finally(() => {
      secondSettled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A poller would confirm the event on `false`: not while the first handler may still fail.
    expect(secondSettled).toBe(false);
    handling.open();
    expect(await first).toBe(true);
    expect(await second).toBe(false);
    expect(handled).toEqual(['a:media.uploaded']);
  });

  it('media events: when the instance handling an event fails, the repeat that waited delivers it', async () => {
    const shared = new MemorySharedStore();
    const handling = gate();
    const handled: string[] = [];
    const first = deliverOnce(instanceOn(shared), event, () => handling.shut);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = deliverOnce(instanceOn(shared), event, (e) => {
      handled.push(`b:${e.type}`);
    });
    handling.fail(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    // Before, the repeat answered "duplicate" at once, was confirmed, and the event was lost.
    expect(await second).toBe(true);
    expect(handled).toEqual(['b:media.uploaded']);
    expect(await deliverOnce(instanceOn(shared), event, () => {})).toBe(false);
  });

  it('media events: an event an older release marked delivered (`1`) is a duplicate at once, not a claim to wait for', async () => {
    const shared = new MemorySharedStore();
    await shared.set(`vod-uploader:media-event:${event.id}`, '1', 60_000);
    const started = Date.now();
    let handled = 0;
    expect(
      await deliverOnce(instanceOn(shared), event, () => {
        handled += 1;
      }),
    ).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(handled).toBe(0);
  });

  it('media events: a repeat in the same process whose first delivery fails delivers it itself', async () => {
    const shared = new MemorySharedStore();
    const handling = gate();
    const handled: string[] = [];
    const first = deliverOnce(shared, event, () => handling.shut);
    const second = deliverOnce(shared, event, (e) => {
      handled.push(`b:${e.type}`);
    });
    handling.fail(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    expect(await second).toBe(true);
    expect(handled).toEqual(['b:media.uploaded']);
  });

  it('media events: a repeat in the same process waits for a handler that hangs at most 5 s, then is refused, retryable', async () => {
    const shared = new MemorySharedStore();
    const handling = gate();
    const first = deliverOnce(shared, event, () => handling.shut);
    const started = Date.now();
    // Before, it waited as long as the handler hung (a poller's whole batch with it).
    const refusal = await deliverOnce(shared, event, () => {}).catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(6_500);
    expect(refusal).toMatchObject({ code: 'store_unavailable', retryable: true });
    handling.open();
    expect(await first).toBe(true);
    expect(await deliverOnce(shared, event, () => {})).toBe(false);
  }, 15_000);
});
