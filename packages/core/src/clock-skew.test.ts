import { describe, expect, it } from 'vitest';
import { ClockSkew } from './index.js';

describe('ClockSkew', () => {
  it('corrects a local clock that is 10 minutes behind', () => {
    let local = 1_700_000_000_000;
    const skew = new ClockSkew(local + 600_000, local, () => local);
    expect(skew.offsetMs).toBe(600_000);
    local += 5000;
    expect(skew.now()).toBe(1_700_000_605_000);
    expect(skew.toServerSeconds()).toBe(1_700_000_605);
  });

  it('corrects a local clock that is ahead', () => {
    const local = 1_700_000_000_999;
    const skew = new ClockSkew(local - 90_000, local, () => local);
    expect(skew.now()).toBe(local - 90_000);
    expect(skew.toServerSeconds()).toBe(1_699_999_910);
  });

  it('applies no correction for none() or a non-finite server time', () => {
    expect(ClockSkew.none(() => 42).now()).toBe(42);
    expect(new ClockSkew(Number.NaN, 1, () => 42).now()).toBe(42);
  });
});
