import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumsOf, combinedCrc64 } from './checksums.js';

describe('sandbox checksums', () => {
  it('answer the check values of "123456789" (CRC-64/XZ 0x995DC9BBDF1939FA, CRC32C 0xE3069283)', async () => {
    const sums = await checksumsOf(Buffer.from('123456789'), 'crc32c');
    expect(sums.crc64).toBe(0x995dc9bbdf1939fan.toString(10));
    expect(sums.checksum).toBe('4waSgw==');
    expect((await checksumsOf(Buffer.from('123456789'))).checksum).toBeUndefined();
  });

  it("combine parts' CRC64s into the whole object's, for random data and splits", async () => {
    const data = randomBytes(200_000);
    const whole = (await checksumsOf(data)).crc64;
    for (let i = 0; i < 5; i++) {
      const cuts = [0, ...[1, 2, 3].map(() => Math.floor(Math.random() * data.length)), data.length].sort(
        (a, b) => a - b,
      );
      const parts = [];
      for (let p = 0; p < cuts.length - 1; p++) {
        const bytes = data.subarray(cuts[p], cuts[p + 1]);
        parts.push({ crc64: (await checksumsOf(bytes)).crc64, size: bytes.length });
      }
      expect(combinedCrc64(parts.filter((p) => p.size > 0))).toBe(whole);
    }
  });
});
