import type { ProviderKey } from './provider.js';

/**
 * Files up to this size go in one PUT, per provider. Below it a multipart upload's extra round trips
 * (create, complete, and for S3 one `/s3/sign` per batch of parts) cost more than its parallel parts
 * win; above it parallel parts fill the link better than one connection, and a failure costs one part
 * instead of the whole file. 32 MiB is where two extra round trips cost ≤ 6 % at +80 ms and
 * 100 Mbit/s; `BENCH_MATRIX_CROSSOVER=1 npm run bench:matrix` measures the line per provider
 * (bench/NOTES.md), so each entry can move on its own.
 */
export const SINGLE_PUT_MAX: Readonly<Record<ProviderKey, number>> = {
  s3: 32 * 2 ** 20,
  tencent: 32 * 2 ** 20,
  aliyun: 32 * 2 ** 20,
};
