import { ADDITIONAL_CHECKSUMS, type AdditionalChecksumName } from '../../store/additional-checksum.js';
import { S3Error } from './s3-errors.js';

/**
 * The digest length of each additional checksum S3 verifies on an object body, sent as
 * `x-amz-checksum-<name>` (a header, or an aws-chunked trailer named in `x-amz-trailer`): base64 of
 * the big-endian digest.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 */
const DIGEST_BYTES: Record<AdditionalChecksumName, number> = {
  crc32: 4,
  crc32c: 4,
  crc64nvme: 8,
  sha1: 20,
  sha256: 32,
};
const LABEL: Record<AdditionalChecksumName, string> = {
  crc32: 'CRC32',
  crc32c: 'CRC32C',
  crc64nvme: 'CRC64NVME',
  sha1: 'SHA1',
  sha256: 'SHA256',
};

/** The algorithm's name in S3's XML and `x-amz-checksum-algorithm` (`CRC32C`). */
export function checksumLabel(name: AdditionalChecksumName): string {
  return LABEL[name];
}

/** The algorithm an `x-amz-checksum-algorithm` (or XML `ChecksumAlgorithm`) value names, if one S3 has. */
export function checksumNamed(label: string | undefined): AdditionalChecksumName | undefined {
  return ADDITIONAL_CHECKSUMS.find((name) => LABEL[name] === label?.toUpperCase());
}

/** An additional checksum a request declares: the value to match, or none when it comes as a trailer. */
export interface DeclaredChecksum {
  name: AdditionalChecksumName;
  value?: string;
}

/**
 * The checksum a request declares: its `x-amz-checksum-*` header (the value to match) or the trailer
 * `x-amz-trailer` announces (the value arrives after the body). S3 takes one algorithm a request and
 * refuses a value that cannot be that algorithm's digest. `x-amz-sdk-checksum-algorithm`, the name
 * an SDK gives the algorithm it used, must be one S3 has and the one declared (else "Value for
 * x-amz-sdk-checksum-algorithm header is invalid.", for both), and comes with a checksum or a trailer.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html (x-amz-sdk-checksum-algorithm)
 */
export function declaredChecksum(
  headers: Record<string, string | string[] | undefined>,
): DeclaredChecksum | undefined {
  const trailers = String(headers['x-amz-trailer'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  const declared: DeclaredChecksum[] = [];
  for (const name of ADDITIONAL_CHECKSUMS) {
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
  const sdk = headers['x-amz-sdk-checksum-algorithm'];
  if (sdk === undefined) return declared[0];
  if (!declared[0]) {
    throw new S3Error(
      'InvalidRequest',
      'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
    );
  }
  if (checksumNamed(String(sdk).trim()) !== declared[0].name) {
    throw new S3Error('InvalidRequest', 'Value for x-amz-sdk-checksum-algorithm header is invalid.');
  }
  return declared[0];
}

/**
 * A part of an upload created with a composite checksum algorithm must declare that algorithm's
 * checksum (header or trailer): S3 refuses it before reading the body otherwise, naming what came
 * (`null` for none). It computes no missing part checksum for a COMPOSITE upload (it does for a
 * FULL_OBJECT one, which the sandbox does not emulate).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html (x-amz-sdk-checksum-algorithm)
 */
export function checkPartChecksumType(
  expected: AdditionalChecksumName,
  headers: Record<string, string | string[] | undefined>,
): void {
  const actual = declaredChecksum(headers)?.name;
  if (actual === expected) return;
  throw new S3Error(
    'InvalidRequest',
    `Checksum Type mismatch occurred, expected checksum Type: ${expected}, actual checksum Type: ${actual ?? 'null'}`,
  );
}

export function checksumMismatch(name: AdditionalChecksumName): S3Error {
  return new S3Error('BadDigest', `The ${LABEL[name]} you specified did not match the calculated checksum.`);
}
