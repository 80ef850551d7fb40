import { describe, expect, it } from 'vitest';
import { readByteRange } from './read-byte-range.js';

describe('readByteRange', () => {
  it('names what cannot be served, and leaves what is not one bytes range to the whole object', () => {
    expect(readByteRange(' bytes=90-9999 ', 100)).toEqual({ start: 90, end: 99 });
    expect(readByteRange('bytes=100-', 100)).toBe('past-end');
    expect(readByteRange('bytes=-5', 0)).toBe('past-end');
    expect(readByteRange('bytes=5-1', 100)).toBe('reversed');
    expect(readByteRange('bytes=-0', 100)).toBe('zero-suffix');
    for (const header of [undefined, '', 'bytes=', 'bytes=-', 'items=1-2', 'bytes=1-2,4-5']) {
      expect(readByteRange(header, 100)).toBeUndefined();
    }
  });
});
