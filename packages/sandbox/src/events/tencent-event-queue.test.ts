import { describe, expect, it } from 'vitest';
import { EVENT_RETENTION_MS, PULL_EVENTS_MAX, TencentEventQueue } from './tencent-event-queue.js';

function queue(redeliverAfterMs = 30_000) {
  let now = 1_000_000;
  const q = new TencentEventQueue({ now: () => now, redeliverAfterMs });
  return { q, advance: (ms: number) => (now += ms) };
}

describe('TencentEventQueue (PullEvents / ConfirmEvents semantics)', () => {
  it('answers at most 16 events a pull, each with its own EventHandle', async () => {
    const { q } = queue();
    for (let i = 0; i < 20; i += 1) q.publish({ EventType: 'NewFileUpload', n: i });
    const first = await q.pull(0);
    expect(first).toHaveLength(PULL_EVENTS_MAX);
    expect(new Set(first.map((e) => e.EventHandle)).size).toBe(PULL_EVENTS_MAX);
    const second = await q.pull(0);
    expect(second.map((e) => e.n)).toEqual([16, 17, 18, 19]);
  });

  it('redelivers an unconfirmed event after the window, with a new handle; the old one confirms nothing', async () => {
    const { q, advance } = queue(30_000);
    q.publish({ EventType: 'ProcedureStateChanged' });
    const [first] = await q.pull(0);
    expect(await q.pull(0)).toEqual([]);
    advance(29_999);
    expect(await q.pull(0)).toEqual([]);
    advance(1);
    const [again] = await q.pull(0);
    expect(again?.EventType).toBe('ProcedureStateChanged');
    expect(again?.EventHandle).not.toBe(first?.EventHandle);
    expect(q.confirm([String(first?.EventHandle)])).toBe(false);
    expect(q.size).toBe(1);
    expect(q.confirm([String(again?.EventHandle)])).toBe(true);
    expect(q.size).toBe(0);
  });

  it('a confirmed event is never delivered again', async () => {
    const { q, advance } = queue(10);
    q.publish({ EventType: 'FileDeleted' });
    const [event] = await q.pull(0);
    expect(q.confirm([String(event?.EventHandle)])).toBe(true);
    advance(1000);
    expect(await q.pull(0)).toEqual([]);
  });

  it('confirms all or none: an unknown, confirmed or late handle refuses the whole call', async () => {
    const { q, advance } = queue(30_000);
    q.publish({ EventType: 'NewFileUpload', n: 1 });
    q.publish({ EventType: 'NewFileUpload', n: 2 });
    const [one, two] = await q.pull(0);
    expect(q.confirm([String(one?.EventHandle), 'unknown'])).toBe(false);
    expect(q.size).toBe(2);
    expect(q.confirm([String(one?.EventHandle)])).toBe(true);
    expect(q.confirm([String(one?.EventHandle)])).toBe(false);
    advance(30_000);
    // Past its window though not yet pulled again: too late.
    expect(q.confirm([String(two?.EventHandle)])).toBe(false);
    expect(q.size).toBe(1);
  });

  it('long-polls: a pull waiting on an empty queue returns as soon as an event is published', async () => {
    const { q } = queue();
    const started = Date.now();
    const pulling = q.pull(5000);
    setTimeout(() => q.publish({ EventType: 'NewFileUpload' }), 50);
    const events = await pulling;
    expect(events).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('an empty long poll ends after its wait with no events', async () => {
    const { q } = queue();
    const started = Date.now();
    expect(await q.pull(120)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('clears events older than four days', async () => {
    const { q, advance } = queue();
    q.publish({ EventType: 'NewFileUpload' });
    advance(EVENT_RETENTION_MS + 1);
    expect(await q.pull(0)).toEqual([]);
  });
});
