import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { createCRC32, createCRC64 } from 'hash-wasm';
import { S3Error } from './s3-errors.js';

/**
 * The additional checksums S3 verifies on an object body, sent as `x-amz-checksum-<name>` (a header,
 * or an aws-chunked trailer named in `x-amz-trailer`): base64 of the big-endian digest.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
export const S3_CHECKSUMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;
export type S3ChecksumName = (typeof S3_CHECKSUMS)[number];

const DIGEST_BYTES: Record<S3ChecksumName, number> = {
  crc32: 4,
  crc32c: 4,
  crc64nvme: 8,
  sha1: 20,
  sha256: 32,
};
const LABEL: Record<S3ChecksumName, string> = {
  crc32: 'CRC32',
  crc32c: 'CRC32C',
  crc64nvme: 'CRC64NVME',
  sha1: 'SHA1',
  sha256: 'SHA256',
};

/** One running checksum; `digest()` answers the header's base64 form. */
export interface S3Checksum {
  update(chunk: Buffer): void;
  digest(): string;
}

export async function createS3Checksum(name: S3ChecksumName): Promise<S3Checksum> {
  switch (name) {
    case 'crc32': {
      // Node's zlib has CRC32 (not CRC32C or CRC64NVME: hash-wasm's, as the browser's checks use).
      let crc = 0;
      return {
        update: (chunk) => {
          crc = crc32(chunk, crc);
        },
        digest: () => {
          const bytes = Buffer.alloc(4);
          bytes.writeUInt32BE(crc >>> 0);
          return bytes.toString('base64');
        },
      };
    }
    case 'crc32c':
    case 'crc64nvme': {
      // CRC-32C (Castagnoli) and CRC-64/NVME, both reflected, as hash-wasm takes their polynomials.
      const hasher = await (name === 'crc32c' ? createCRC32(0x82f63b78) : createCRC64('9A6C9329AC4BC9B5'));
      hasher.init();
      return {
        update: (chunk) => hasher.update(chunk),
        digest: () => Buffer.from(hasher.digest('binary')).toString('base64'),
      };
    }
    default: {
      const hash = createHash(name);
      return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('base64') };
    }
  }
}

/**
 * The checksums a request declares: its `x-amz-checksum-*` headers (the value to match) and the
 * trailers `x-amz-trailer` announces (the value arrives after the body). S3 takes one algorithm a
 * request and refuses a value that cannot be that algorithm's digest.
 */
export function declaredChecksums(headers: Record<string, string | string[] | undefined>): {
  name: S3ChecksumName;
  value?: string;
}[] {
  const trailers = String(headers['x-amz-trailer'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  const declared: { name: S3ChecksumName; value?: string }[] = [];
  for (const name of S3_CHECKSUMS) {
    const header = `x-amz-checksum-${name}`;
    const raw = headers[header];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined) {
      if (Buffer.from(value, 'base64').length !== DIGEST_BYTES[name] || !/^[A-Za-z0-9+/]+=*$/.test(value)) {
        throw new S3Error('InvalidRequest', `Value for ${header} header is invalid.`);
      }
      declared.push({ name, value });
    } else if (trailers.includes(header)) declared.push({ name });
  }
  if (declared.length > 1) {
    throw new S3Error(
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  return declared;
}

export function checksumMismatch(name: S3ChecksumName): S3Error {
  return new S3Error('BadDigest', `The ${LABEL[name]} you specified did not match the calculated checksum.`);
}
