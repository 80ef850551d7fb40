import { describe, expect, it } from 'vitest';
import { InFlightController } from './index.js';

const MiB = 1024 * 1024;

/** A controller on a clock the test moves. */
function controller(options: Partial<ConstructorParameters<typeof InFlightController>[0]> = {}) {
  let now = 0;
  const flow = new InFlightController({ partSize: 8 * MiB, max: 6, now: () => now, ...options });
  return { flow, advance: (ms: number) => (now += ms) };
}

/** Stores one round of `flow.limit` parts of `partSize` in `ms`. */
function round(c: ReturnType<typeof controller>, ms: number, partSize = 8 * MiB) {
  const parts = c.flow.limit;
  c.advance(ms);
  for (let i = 0; i < parts; i++) c.flow.partStored(partSize);
}

describe('InFlightController', () => {
  it('starts with 3 parts in flight, within the maximum', () => {
    expect(controller().flow.limit).toBe(3);
    expect(controller({ max: 2 }).flow.limit).toBe(2);
    expect(controller({ initial: 1 }).flow.limit).toBe(1);
  });

  it('adds a lane after each round whose throughput grew, up to the maximum', () => {
    const c = controller();
    c.flow.partStarted();
    // Each round stores more bytes in the same time: throughput grows with the lanes.
    round(c, 1000);
    expect(c.flow.limit).toBe(4);
    round(c, 1000);
    expect(c.flow.limit).toBe(5);
    round(c, 1000);
    round(c, 1000);
    round(c, 1000);
    expect(c.flow.limit).toBe(6);
  });

  it('stops adding lanes once a round is no faster than the best', () => {
    const c = controller();
    c.flow.partStarted();
    round(c, 1000); // 3 parts/s → 4 lanes
    expect(c.flow.limit).toBe(4);
    round(c, 1333); // 4 parts in 1.33 s: the same 3 parts/s, the link is full
    expect(c.flow.limit).toBe(4);
    round(c, 500); // even a faster round does not reopen growth without a failure
    expect(c.flow.limit).toBe(4);
  });

  it('does not count a round before as many parts as lanes are stored', () => {
    const c = controller();
    c.flow.partStarted();
    c.advance(1000);
    c.flow.partStored(8 * MiB);
    c.flow.partStored(8 * MiB);
    expect(c.flow.limit).toBe(3);
  });

  it('halves on a failed attempt, then grows again one lane a round', () => {
    const c = controller({ initial: 6 });
    c.flow.partStarted();
    c.flow.partFailed();
    expect(c.flow.limit).toBe(3);
    c.flow.partFailed();
    c.flow.partFailed();
    expect(c.flow.limit).toBe(1);
    c.flow.partFailed();
    expect(c.flow.limit).toBe(1);
    round(c, 1000);
    expect(c.flow.limit).toBe(2);
  });

  it('never holds more bytes in flight than the memory bound', () => {
    const c = controller({ partSize: 64 * MiB, max: 6, maxBytesInFlight: 128 * MiB });
    expect(c.flow.limit).toBe(2);
    c.flow.partStarted();
    round(c, 1000, 64 * MiB);
    round(c, 500, 64 * MiB);
    expect(c.flow.limit).toBe(2);
    // A part larger than the bound still goes, one at a time.
    expect(controller({ partSize: 512 * MiB }).flow.limit).toBe(1);
  });

  it('keeps bandwidth × round trip in flight once both are measured', () => {
    const c = controller({ partSize: 8 * MiB, max: 10, initial: 2 });
    c.flow.observeRoundTrip(400);
    c.flow.observeRoundTrip(900); // the shortest round trip counts
    c.flow.partStarted();
    // 100 MiB/s × 0.4 s = 40 MiB = 5 parts, plus the one being acknowledged.
    c.advance(80);
    c.flow.partStored(8 * MiB);
    expect(c.flow.throughput).toBeCloseTo(100 * MiB, -3);
    expect(c.flow.limit).toBe(6);
  });

  it('ignores round trips that are not measurements', () => {
    const c = controller();
    c.flow.observeRoundTrip(0);
    c.flow.observeRoundTrip(Number.NaN);
    c.flow.partStarted();
    c.advance(10);
    c.flow.partStored(8 * MiB);
    expect(c.flow.limit).toBe(3);
  });
});
