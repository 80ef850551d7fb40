import { describe, expect, it } from 'vitest';
import { caught } from '../tests/fixtures/caught.js';
import { pickPartSize } from './index.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('pickPartSize', () => {
  it('uses the preferred size when the file fits in maxParts parts', () => {
    expect(pickPartSize(100 * MiB, { min: 5 * MiB, preferred: 8 * MiB })).toBe(8 * MiB);
    expect(pickPartSize(0)).toBe(MiB);
  });

  it('grows to whole MiB so a 50 GiB file fits in 10,000 parts', () => {
    const size = pickPartSize(50 * GiB, { min: 5 * MiB, preferred: 5 * MiB });
    expect(size).toBe(6 * MiB);
    expect(Math.ceil((50 * GiB) / size)).toBeLessThanOrEqual(10_000);
  });

  it('keeps the preferred size within min and max', () => {
    expect(pickPartSize(MiB, { min: 5 * MiB, preferred: MiB })).toBe(5 * MiB);
    expect(pickPartSize(MiB, { min: MiB, max: 2 * MiB, preferred: 8 * MiB })).toBe(2 * MiB);
  });

  it('does not round up past max when max itself is enough', () => {
    expect(pickPartSize(10_000 * 3 * MiB - 1, { max: 3 * MiB - 0, maxParts: 10_000 })).toBe(3 * MiB);
  });

  it('throws file_invalid when max-sized parts cannot hold the file', () => {
    const error = caught(() => pickPartSize(1001 * MiB, { max: MiB, maxParts: 1000 }));
    expect(error.code).toBe('file_invalid');
  });

  it('throws config_invalid for inconsistent limits', () => {
    expect(caught(() => pickPartSize(1, { min: 2 * MiB, max: MiB })).code).toBe('config_invalid');
  });
});
