import { describe, expect, it } from 'vitest';
import { formatBytes, formatTimeLeft } from './format-progress.js';

describe('formatBytes', () => {
  it('rounds down, one decimal under 10 units, none above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(348_000)).toBe('339 KB');
    expect(formatBytes(5.99 * 1024 * 1024)).toBe('5.9 MB');
    expect(formatBytes(40 * 1024 * 1024 - 1)).toBe('39 MB');
    expect(formatBytes(40 * 1024 * 1024)).toBe('40 MB');
  });
});

describe('formatTimeLeft', () => {
  it('never says 0 s: under 5 s there is no number to show', () => {
    expect(formatTimeLeft(0)).toBeUndefined();
    expect(formatTimeLeft(4.9)).toBeUndefined();
    expect(formatTimeLeft(Number.NaN)).toBeUndefined();
    expect(formatTimeLeft(8.4)).toBe('8 s');
    expect(formatTimeLeft(65)).toBe('1 min 5 s');
    expect(formatTimeLeft(120.2)).toBe('2 min');
    expect(formatTimeLeft(3725)).toBe('1 h 2 min');
  });
});
