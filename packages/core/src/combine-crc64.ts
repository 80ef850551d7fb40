/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones), the CRC that COS answers as
 * `x-cos-hash-crc64ecma` and OSS as `x-oss-hash-crc64ecma`, in its reflected form.
 * @see https://cloud.tencent.com/document/product/436/40334 (COS CRC64 check)
 */
const CRC64_ECMA_REFLECTED = 0xc96c5795d7870f42n;
const TOP = 1n << 63n;

/** `x^(2^k)` modulo the polynomial, k = 0..63, built once on first use. */
let powers: bigint[] | undefined;

/** a·b modulo the polynomial, both reflected (the top bit is x^0), as zlib's `multmodp`. */
function multiplyModP(a: bigint, b: bigint): bigint {
  let product = 0n;
  let x = b;
  for (let m = TOP; m !== 0n; m >>= 1n) {
    if (a & m) {
      product ^= x;
      if ((a & (m - 1n)) === 0n) break;
    }
    x = x & 1n ? (x >> 1n) ^ CRC64_ECMA_REFLECTED : x >> 1n;
  }
  return product;
}

/** x^(n·2^k) modulo the polynomial (n·2^k bits of zeros appended), as zlib's `x2nmodp`. */
function xPowerModP(n: number, k: number): bigint {
  if (!powers) {
    powers = [TOP >> 1n]; // x^1
    for (let i = 1; i < 64; i++) powers.push(multiplyModP(powers[i - 1] as bigint, powers[i - 1] as bigint));
  }
  let result = TOP; // x^0
  let bits = BigInt(n);
  let i = k;
  while (bits > 0n) {
    if (bits & 1n) result = multiplyModP(powers[i & 63] as bigint, result);
    bits >>= 1n;
    i += 1;
  }
  return result;
}

/**
 * The CRC-64/XZ of `A + B` from the CRC of `A`, the CRC of `B` and the length of `B` in bytes, without
 * the bytes (zlib's `crc32_combine` over GF(2), for the 64-bit polynomial). This is how the object's
 * CRC is known from its parts' CRCs, in part order, to compare with the one CompleteMultipartUpload
 * answers: no second pass over the file.
 * @example combineCrc64(crcOfPart1, crcOfPart2, part2.size) === crcOf(part1 + part2)
 */
export function combineCrc64(crcA: bigint, crcB: bigint, lengthB: number): bigint {
  if (!Number.isSafeInteger(lengthB) || lengthB < 0) throw new RangeError(`Bad length ${lengthB}.`);
  if (lengthB === 0) return crcA;
  return multiplyModP(xPowerModP(lengthB, 3), crcA) ^ crcB;
}
