import { describe, expect, it } from 'vitest';
import { ProgressReporter, type UploadProgress } from './progress-reporter.js';

function reporter(total: number) {
  let now = 0;
  const reports: UploadProgress[] = [];
  const r = new ProgressReporter(total, (p) => reports.push(p), { now: () => now });
  return { r, reports, advance: (ms: number) => (now += ms) };
}

describe('ProgressReporter', () => {
  it('says how many of its bytes the attempt resumed with, and none after a restart', () => {
    const { r, reports, advance } = reporter(1000);
    r.setStored(600);
    r.start();
    r.setPartLoaded(7, 50);
    advance(200);
    r.report();
    r.stop();
    expect(reports.map((p) => [p.bytesUploaded, p.bytesResumed])).toEqual([
      [600, 600],
      [650, 600],
      // Stopped: the 50 in flight are not stored.
      [600, 600],
    ]);
    r.restart();
    r.start();
    expect(r.report()).toMatchObject({ bytesUploaded: 0, bytesResumed: 0 });
    r.stop();
  });

  it('when paused or failed, reads what is stored, and the next attempt counts from there', () => {
    const { r, reports, advance } = reporter(20_000_000);
    r.setStored(0);
    r.start();
    r.setPartLoaded(0, 6_600_000);
    advance(200);
    expect(r.report().bytesUploaded).toBe(6_600_000);
    // The pause aborted the PUT: nothing of it is stored.
    r.stop();
    expect(reports.at(-1)).toMatchObject({ bytesUploaded: 0, speed: 0 });
    // The resumed attempt sends it all again, from 0, and its first bytes are speed, not a stall.
    r.setStored(0);
    r.start();
    r.setPartLoaded(0, 1_000_000);
    advance(1000);
    const again = r.report();
    expect(again.bytesUploaded).toBe(1_000_000);
    expect(again.bytesResumed).toBe(0);
    r.completePart(0, 20_000_000);
    r.report();
    r.stop();
    // Done: no report after the last, which read every byte.
    expect(reports.at(-1)?.bytesUploaded).toBe(20_000_000);
  });

  it('sums the bytes of every in-flight part with the stored ones', () => {
    const { r } = reporter(100);
    r.setStored(20);
    r.setPartLoaded(3, 5);
    r.setPartLoaded(4, 7);
    expect(r.report().bytesUploaded).toBe(32);
    r.completePart(3, 10);
    expect(r.report().bytesUploaded).toBe(37);
  });

  it('counts the last byte only once the bucket acknowledged every part', () => {
    const { r } = reporter(100);
    r.setPartLoaded(0, 100);
    const sent = r.report();
    expect(sent.bytesUploaded).toBe(99);
    expect(sent.etaSeconds).not.toBe(0);
    r.completePart(0, 100);
    const stored = r.report();
    expect(stored.bytesUploaded).toBe(100);
    expect(stored.etaSeconds).toBe(0);
  });

  it('never goes back when a failed part starts over', () => {
    const { r, advance } = reporter(100);
    r.setPartLoaded(1, 40);
    expect(r.report().bytesUploaded).toBe(40);
    r.resetPart(1);
    advance(200);
    expect(r.report().bytesUploaded).toBe(40);
    r.setPartLoaded(1, 10);
    advance(200);
    expect(r.report().bytesUploaded).toBe(40);
    r.setPartLoaded(1, 50);
    advance(200);
    expect(r.report().bytesUploaded).toBe(50);
  });

  it('measures speed and ETA from the bytes that flow, not from resumed parts', () => {
    const { r, advance } = reporter(1000);
    r.setStored(500);
    r.report();
    for (let i = 1; i <= 10; i++) {
      advance(100);
      r.setPartLoaded(1, i * 10);
      r.report();
    }
    const last = r.report();
    expect(last.bytesUploaded).toBe(600);
    // 100 bytes a second, not 600 (the resumed 500 are not traffic).
    expect(last.speed).toBeGreaterThan(80);
    expect(last.speed).toBeLessThan(120);
    expect(last.etaSeconds).toBeGreaterThan(3);
    expect(last.etaSeconds).toBeLessThan(5);
  });

  it('reports at least 4 times a second while started, and stops when stopped', async () => {
    const reports: UploadProgress[] = [];
    const r = new ProgressReporter(10, (p) => reports.push(p), { now: () => Date.now() });
    r.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    r.stop();
    const count = reports.length;
    expect(count).toBeGreaterThanOrEqual(4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reports.length).toBe(count);
  });

  it('reports at start only when bytes are already stored (a resumed upload), not a "0 bytes" report', () => {
    const fresh = reporter(100);
    fresh.r.start();
    fresh.r.stop();
    expect(fresh.reports).toEqual([]);
    const resumed = reporter(100);
    resumed.r.setStored(40);
    resumed.r.start();
    resumed.r.stop();
    expect(resumed.reports.map((p) => p.bytesUploaded)).toEqual([40]);
  });
});
