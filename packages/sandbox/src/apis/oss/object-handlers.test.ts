import { describe, expect, it } from 'vitest';
import { parseRange } from './object-handlers.js';
import { OssError } from './oss-error.js';

describe('OSS Range', () => {
  it('reads the three forms as inclusive ranges, clamped to the object', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('ignores what OSS ignores (whole object) and refuses a start past the end', () => {
    for (const header of [undefined, 'bytes=', 'bytes=5-1', 'bytes=-0', 'items=1-2', 'bytes=1-2,4-5']) {
      expect(parseRange(header, 100)).toBeUndefined();
    }
    expect(() => parseRange('bytes=100-', 100)).toThrow(OssError);
    const error = (() => {
      try {
        parseRange('bytes=200-300', 100);
      } catch (thrown) {
        return thrown as OssError;
      }
      return undefined;
    })();
    expect([error?.code, error?.status]).toEqual(['InvalidRange', 416]);
  });
});
