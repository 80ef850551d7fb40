import { describe, expect, it } from 'vitest';
import { caught } from '../tests/fixtures/caught.js';
import { PART_SIZE_RANGE, pickPartSize, planTransfer, SINGLE_PUT_MAX, TRANSFER_LIMITS } from './index.js';

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

describe('planTransfer', () => {
  it('refuses an S3 file over 5 TiB as file_invalid, which 10,000 parts of 5 GiB would still hold', () => {
    const TiB = 1024 * GiB;
    expect(planTransfer(5 * TiB, { provider: 's3' }).parts).toBeLessThanOrEqual(10_000);
    const error = caught(() => planTransfer(5 * TiB + 1, { provider: 's3' }));
    expect(error.code).toBe('file_invalid');
    expect(error.message).toContain('larger than');
    expect(planTransfer(5 * TiB + 1, { provider: 'tencent' }).mode).toBe('multipart');
  });

  it('sends a file up to the provider crossover in one PUT, and one byte more in parts', () => {
    for (const provider of ['s3', 'tencent', 'aliyun'] as const) {
      const crossover = SINGLE_PUT_MAX[provider];
      expect(planTransfer(crossover, { provider })).toMatchObject({ mode: 'single', parts: 1 });
      expect(planTransfer(crossover, { provider }).partSize).toBeGreaterThanOrEqual(crossover);
      expect(planTransfer(crossover + 1, { provider }).mode).toBe('multipart');
    }
  });

  it('gives a single PUT of a tiny file a part size the store accepts', () => {
    expect(planTransfer(10, { provider: 's3' })).toEqual({ mode: 'single', partSize: 5 * MiB, parts: 1 });
    expect(planTransfer(0, { provider: 'aliyun' }).partSize).toBe(100 * 1024);
  });

  it('grows the part size with the file from 8 to 64 MiB', () => {
    expect(planTransfer(64 * MiB, { provider: 's3' })).toEqual({
      mode: 'multipart',
      partSize: 8 * MiB,
      parts: 8,
    });
    expect(planTransfer(256 * MiB, { provider: 's3' })).toEqual({
      mode: 'multipart',
      partSize: 32 * MiB,
      parts: 8,
    });
    expect(planTransfer(1 * GiB, { provider: 'tencent' }).partSize).toBe(PART_SIZE_RANGE.to);
    expect(planTransfer(10 * GiB, { provider: 'aliyun' }).partSize).toBe(PART_SIZE_RANGE.to);
  });

  it('grows past 64 MiB only when the file would need more than 10,000 parts', () => {
    const plan = planTransfer(1000 * GiB, { provider: 's3' });
    expect(plan.partSize).toBe(103 * MiB);
    expect(plan.parts).toBeLessThanOrEqual(TRANSFER_LIMITS.s3.maxParts);
    expect(caught(() => planTransfer(60_000 * GiB, { provider: 's3' })).code).toBe('file_invalid');
  });

  it("keeps a resumed checkpoint's part size, even one the policy would not choose today", () => {
    expect(planTransfer(20 * MiB, { provider: 's3', resumedPartSize: 5 * MiB })).toEqual({
      mode: 'multipart',
      partSize: 5 * MiB,
      parts: 4,
    });
  });

  it("uses the app's fixed part size as today: one PUT up to it, parts of it above", () => {
    expect(planTransfer(8 * MiB, { provider: 's3', partSize: 8 * MiB }).mode).toBe('single');
    expect(planTransfer(9 * MiB, { provider: 's3', partSize: 8 * MiB })).toEqual({
      mode: 'multipart',
      partSize: 8 * MiB,
      parts: 2,
    });
    // Below S3's minimum, the minimum.
    expect(planTransfer(64 * MiB, { provider: 's3', partSize: MiB }).partSize).toBe(5 * MiB);
  });

  it('lets a caller move the crossover', () => {
    expect(planTransfer(64 * MiB, { provider: 'tencent', singlePutMax: 128 * MiB }).mode).toBe('single');
    expect(planTransfer(2 * MiB, { provider: 'tencent', singlePutMax: MiB }).mode).toBe('multipart');
  });

  it('without a preferred size, pickPartSize follows the policy', () => {
    expect(pickPartSize(256 * MiB, { min: 5 * MiB })).toBe(32 * MiB);
    expect(pickPartSize(20 * MiB, { min: 5 * MiB })).toBe(20 * MiB);
  });
});
