/**
 * The CRC-64/XZ of two concatenated byte strings from their CRCs, as COS and OSS compute the object's
 * `x-*-hash-crc64ecma` on CompleteMultipartUpload without reading the object again. Written here
 * with zlib's original GF(2) matrix method (`gf2_matrix_times`/`gf2_matrix_square`), not shared with
 * the client's `combineCrc64` (a different method): a bug in one does not pass the other.
 */
const POLY = 0xc96c5795d7870f42n;

function times(matrix: bigint[], vector: bigint): bigint {
  let sum = 0n;
  let v = vector;
  for (let i = 0; v !== 0n; i++, v >>= 1n) if (v & 1n) sum ^= matrix[i] as bigint;
  return sum;
}

function square(matrix: bigint[]): bigint[] {
  return matrix.map((row) => times(matrix, row));
}

export function crc64Combine(crc1: bigint, crc2: bigint, length2: number): bigint {
  if (length2 <= 0) return crc1;
  // The operator for one zero bit, then squared to two, four… zero bits; applied per set bit of the byte count.
  let odd: bigint[] = [POLY];
  for (let i = 1, row = 1n; i < 64; i++, row <<= 1n) odd.push(row);
  let even = square(odd); // 2 zero bits
  odd = square(even); // 4 zero bits
  let crc = crc1;
  let n = length2;
  do {
    even = square(odd); // first pass: 8 zero bits = one zero byte
    if (n & 1) crc = times(even, crc);
    n = Math.floor(n / 2);
    if (n === 0) break;
    odd = square(even);
    if (n & 1) crc = times(odd, crc);
    n = Math.floor(n / 2);
  } while (n !== 0);
  return crc ^ crc2;
}
