import { describe, expect, it } from 'vitest';
import { CallerSeal, MAX_SEALED_CALLER_ID, withSeal } from './caller-seal.js';

const SECRET = 'a-ticket-secret-of-32-characters!';

describe('CallerSeal', () => {
  it('opens what it sealed, also after the app value that follows it; the id is not readable', () => {
    const seal = new CallerSeal([SECRET]);
    const sealed = seal.seal('user-42@example.com');
    expect(sealed).toMatch(/^vs1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('user-42');
    expect(seal.open(sealed)).toBe('user-42@example.com');
    expect(seal.open(withSeal(sealed, 'order=7', 1000))).toBe('user-42@example.com');
    // Each seal is fresh (random IV): two uploads of one caller carry different text.
    expect(seal.seal('user-42@example.com')).not.toBe(sealed);
  });

  it('refuses an altered seal, another server’s seal and text without one', () => {
    const seal = new CallerSeal([SECRET]);
    const sealed = seal.seal('alice');
    const raw = Buffer.from(sealed.slice(4), 'base64url');
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(seal.open(`vs1.${raw.toString('base64url')}`)).toBeUndefined();
    expect(new CallerSeal(['another-secret-of-32-characters!!']).open(sealed)).toBeUndefined();
    expect(seal.open('just the app context')).toBeUndefined();
    expect(seal.open(undefined)).toBeUndefined();
  });

  it('opens with any listed secret (rotation) and seals with the first', () => {
    const old = new CallerSeal(['old-secret-of-at-least-32-chars!!']);
    const rotated = new CallerSeal([SECRET, 'old-secret-of-at-least-32-chars!!']);
    expect(rotated.open(old.seal('bob'))).toBe('bob');
    expect(old.open(rotated.seal('bob'))).toBeUndefined();
  });

  it('refuses to seal an over-long caller id; withSeal keeps the field within the cloud limit', () => {
    const seal = new CallerSeal([SECRET]);
    expect(() => seal.seal('x'.repeat(MAX_SEALED_CALLER_ID + 1))).toThrow(RangeError);
    expect(seal.seal('x'.repeat(MAX_SEALED_CALLER_ID)).length).toBeLessThanOrEqual(250);
    expect(withSeal('vs1.abc', 'y'.repeat(300), 250)).toBeUndefined();
  });
});
