/**
 * CRC-64/XZ speed in Node, hash-wasm (WebAssembly) against a pure-JS table implementation (the
 * byte-at-a-time table on two 32-bit halves, as JS libraries without BigInt in the loop do it),
 * 64 MiB of random bytes in 8 MiB parts, best of 5. Run:
 * `node --import tsx packages/uppy/tests/support/measure-crc64.ts`
 */
import { randomFillSync } from 'node:crypto';
import { createCRC64 } from 'hash-wasm';

const SIZE = 64 * 1024 * 1024;
const PART = 8 * 1024 * 1024;
const data = randomFillSync(new Uint8Array(SIZE));

const lo = new Uint32Array(256);
const hi = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let l = n;
  let h = 0;
  for (let k = 0; k < 8; k++) {
    const carry = l & 1;
    l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
    h >>>= 1;
    if (carry) {
      l = (l ^ 0xd7870f42) >>> 0;
      h = (h ^ 0xc96c5795) >>> 0;
    }
  }
  lo[n] = l;
  hi[n] = h;
}

function jsCrc64(bytes: Uint8Array): string {
  let l = 0xffffffff;
  let h = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    const index = (l ^ (bytes[i] as number)) & 0xff;
    l = ((l >>> 8) | (h << 24)) ^ (lo[index] as number);
    h = (h >>> 8) ^ (hi[index] as number);
  }
  return ((BigInt(~h >>> 0) << 32n) | BigInt(~l >>> 0)).toString(16).padStart(16, '0');
}

async function time(label: string, run: () => Promise<string> | string): Promise<string> {
  let best = Number.POSITIVE_INFINITY;
  let value = '';
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    value = await run();
    best = Math.min(best, performance.now() - start);
  }
  console.log(
    `${label}: ${best.toFixed(0)} ms for 64 MiB = ${(SIZE / 1024 / 1024 / (best / 1000)).toFixed(0)} MiB/s`,
  );
  return value;
}

const hasher = await createCRC64();
const wasm = await time('hash-wasm crc64', () => {
  hasher.init();
  for (let o = 0; o < SIZE; o += PART) hasher.update(data.subarray(o, o + PART));
  return hasher.digest('hex');
});
const js = await time('pure-JS table', () => jsCrc64(data));
if (wasm !== js) throw new Error(`mismatch ${wasm} ${js}`);
console.log('check "123456789":', jsCrc64(new TextEncoder().encode('123456789')));
