import { describe, expect, it } from 'vitest';
import { ProgressMeter } from './index.js';

describe('ProgressMeter', () => {
  it('measures a steady 1 MB/s and the ETA of the rest', () => {
    const meter = new ProgressMeter({ totalBytes: 10_000_000 });
    let snapshot = meter.update(0, 0);
    for (let second = 1; second <= 5; second++) snapshot = meter.update(second * 1_000_000, second * 1000);
    expect(snapshot.bytesUploaded).toBe(5_000_000);
    expect(snapshot.speed).toBeCloseTo(1_000_000, 0);
    expect(snapshot.etaSeconds).toBeCloseTo(5, 5);
  });

  it('never moves back when a retried part resets its bytes, and keeps counting the re-sent traffic', () => {
    const meter = new ProgressMeter({ totalBytes: 4_000_000 });
    meter.update(0, 0);
    meter.update(2_000_000, 1000);
    // A part of 1 MB failed and restarts: the transport's count drops to 1 MB.
    const dropped = meter.update(1_000_000, 1500);
    expect(dropped.bytesUploaded).toBe(2_000_000);
    const resent = meter.update(1_500_000, 2000);
    expect(resent.bytesUploaded).toBe(2_000_000);
    expect(resent.speed).toBeGreaterThan(0);
    expect(meter.update(3_000_000, 3000).bytesUploaded).toBe(3_000_000);
  });

  it('smooths a burst instead of jumping to it', () => {
    const meter = new ProgressMeter({ totalBytes: 100_000_000, windowMs: 3000 });
    meter.update(0, 0);
    for (let second = 1; second <= 10; second++) meter.update(second * 100_000, second * 1000);
    const burst = meter.update(1_000_000 + 1_000_000, 11_000);
    // Instant rate is 1 MB/s after 100 kB/s: the average moves about 28% of the way (1 - e^(-1/3)).
    expect(burst.speed).toBeGreaterThan(300_000);
    expect(burst.speed).toBeLessThan(400_000);
  });

  it('accumulates readings with the same timestamp instead of dividing by zero', () => {
    const meter = new ProgressMeter();
    meter.update(0, 0);
    meter.update(1000, 1000);
    meter.update(1500, 1000);
    const snapshot = meter.update(2000, 2000);
    expect(Number.isFinite(snapshot.speed)).toBe(true);
    expect(snapshot.speed).toBeGreaterThan(0);
    expect(snapshot.etaSeconds).toBeUndefined();
    expect(snapshot.bytesTotal).toBeUndefined();
  });

  it('reports an ETA of 0 when done and caps bytes at the total', () => {
    const meter = new ProgressMeter({ totalBytes: 100 });
    meter.update(0, 0);
    const done = meter.update(150, 10);
    expect(done.bytesUploaded).toBe(100);
    expect(done.etaSeconds).toBe(0);
  });

  it('has no speed and no ETA before the first interval', () => {
    const snapshot = new ProgressMeter({ totalBytes: 100 }).update(10, 5);
    expect(snapshot).toEqual({ bytesUploaded: 10, bytesTotal: 100, speed: 0, etaSeconds: undefined });
  });
});
