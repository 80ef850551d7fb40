import { describe, expect, it } from 'vitest';
import { computeChecksum } from './compute-checksum.js';
import { workerChecksum } from './worker-checksum.js';

const check = new Blob([new TextEncoder().encode('123456789')]);

describe('computeChecksum', () => {
  it('is CRC-64/XZ as a decimal string (0x995DC9BBDF1939FA for "123456789")', async () => {
    expect(await computeChecksum(check, 'crc64ecma')).toBe(0x995dc9bbdf1939fan.toString(10));
  });

  it('is CRC32C as base64 of its big-endian bytes (0xE3069283 for "123456789")', async () => {
    expect(await computeChecksum(check, 'crc32c')).toBe('4waSgw==');
  });

  it('gives the same answer streamed from a large Blob of several chunks', async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024 + 5).map((_, i) => (i * 31) & 0xff);
    const whole = await computeChecksum(new Blob([bytes]), 'crc64ecma');
    const pieces = await computeChecksum(new Blob([bytes.subarray(0, 7), bytes.subarray(7)]), 'crc64ecma');
    expect(pieces).toBe(whole);
  });

  it('falls back to the calling thread where Worker is absent (Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    expect(await workerChecksum()(check, 'crc64ecma')).toBe('11051210869376104954');
  });
});
