import { describe, expect, it } from 'vitest';
import { combineCrc64 } from './index.js';

/** A bit-at-a-time CRC-64/XZ, written from the definition, to check the combine against. */
function crc64(bytes: Uint8Array): bigint {
  let crc = 0xffffffffffffffffn;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let i = 0; i < 8; i++) crc = crc & 1n ? (crc >> 1n) ^ 0xc96c5795d7870f42n : crc >> 1n;
  }
  return crc ^ 0xffffffffffffffffn;
}

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
  return bytes;
}

describe('combineCrc64', () => {
  it('the reference CRC is CRC-64/XZ (check value of "123456789")', () => {
    expect(crc64(new TextEncoder().encode('123456789'))).toBe(0x995dc9bbdf1939fan);
  });

  it('combines "1234" and "56789" into the check value', () => {
    const a = crc64(new TextEncoder().encode('1234'));
    const b = crc64(new TextEncoder().encode('56789'));
    expect(combineCrc64(a, b, 5)).toBe(0x995dc9bbdf1939fan);
  });

  it('equals the CRC of the whole for random splits of random data', () => {
    const data = randomBytes(4096);
    const whole = crc64(data);
    for (let i = 0; i < 20; i++) {
      const cut = Math.floor(Math.random() * (data.length + 1));
      const combined = combineCrc64(
        crc64(data.subarray(0, cut)),
        crc64(data.subarray(cut)),
        data.length - cut,
      );
      expect(combined).toBe(whole);
    }
  });

  it('folds many parts in order (as an object from its parts)', () => {
    const data = randomBytes(10_000);
    const sizes = [3000, 3000, 3000, 1000];
    let offset = 0;
    let crc: bigint | undefined;
    for (const size of sizes) {
      const part = crc64(data.subarray(offset, offset + size));
      crc = crc === undefined ? part : combineCrc64(crc, part, size);
      offset += size;
    }
    expect(crc).toBe(crc64(data));
  });

  it('leaves A unchanged for an empty B and refuses a bad length', () => {
    expect(combineCrc64(123n, 0n, 0)).toBe(123n);
    expect(() => combineCrc64(1n, 2n, -1)).toThrow(RangeError);
  });

  it('is associative over part lengths of gigabytes (only the length enters, not the bytes)', () => {
    const [a, b, c] = [0x0123456789abcdefn, 0xfedcba9876543210n, 0x0f0f0f0f0f0f0f0fn];
    const [lb, lc] = [3 * 1024 ** 3 + 7, 5 * 1024 ** 3 + 1];
    expect(combineCrc64(combineCrc64(a, b, lb), c, lc)).toBe(
      combineCrc64(a, combineCrc64(b, c, lc), lb + lc),
    );
  });
});
