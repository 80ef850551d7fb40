import { describe, expect, it } from 'vitest';
import { backoffDelay } from './index.js';

describe('backoffDelay', () => {
  it('doubles from baseMs and caps at maxMs without jitter', () => {
    const delays = [0, 1, 2, 3, 10, 100, 5000].map((attempt) => backoffDelay(attempt, { jitter: 0 }));
    expect(delays).toEqual([500, 1000, 2000, 4000, 20_000, 20_000, 20_000]);
  });

  it('with the default jitter of 0.5 stays within [delay/2, delay]', () => {
    expect(backoffDelay(2, {}, () => 0)).toBe(1000);
    expect(backoffDelay(2, {}, () => 0.999999)).toBe(2000);
    expect(backoffDelay(2, {}, () => 0.5)).toBe(1500);
  });

  it('with full jitter spans 0..delay', () => {
    expect(backoffDelay(1, { jitter: 1 }, () => 0)).toBe(0);
    expect(backoffDelay(1, { jitter: 1, baseMs: 100 }, () => 0.5)).toBe(100);
  });

  it('clamps a negative attempt and a random() outside 0..1', () => {
    expect(backoffDelay(-3, { jitter: 0 })).toBe(500);
    expect(backoffDelay(0, {}, () => 7)).toBe(500);
  });

  it('stays within bounds for real randomness', () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const delay = backoffDelay(attempt, { baseMs: 200, maxMs: 5000 });
      const ceiling = Math.min(5000, 200 * 2 ** attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});
