import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { createCRC32 } from 'hash-wasm';
import type { ApiRequest } from '../../http/api-module.js';
import { sha256Hex } from '../../verifiers/sigv4.js';
import { AwsChunkedDecoder, AwsChunkedError } from '../../verifiers/sigv4-chunked.js';
import { type S3Caller, STREAMING_UNSIGNED_TRAILER } from './s3-auth.js';
import { S3Error } from './s3-errors.js';

/**
 * An object body (PutObject, UploadPart) as a stream that fails with the S3 error when the bytes do
 * not match what was signed or declared: `x-amz-content-sha256`, `Content-MD5`, `x-amz-checksum-crc32`
 * (header or aws-chunked trailer), `x-amz-decoded-content-length`. The failure happens before the
 * stream ends, so the store never commits a bad object.
 */
export function verifiedObjectBody(request: ApiRequest, caller: S3Caller): Readable {
  const headers = request.req.headers;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  const chunked = caller.claim.payloadHash === STREAMING_UNSIGNED_TRAILER;
  const check = new BodyCheck({
    sha256: /^[0-9a-f]{64}$/.test(caller.claim.payloadHash) ? caller.claim.payloadHash : undefined,
    md5: single(headers['content-md5']),
    crc32: single(headers['x-amz-checksum-crc32']),
    crc32c: single(headers['x-amz-checksum-crc32c']),
    length: chunked ? decodedLength(single(headers['x-amz-decoded-content-length'])) : undefined,
  });
  const source = request.bodyStream();
  const ignore = () => {};
  if (!chunked) return pipeline(source, check, ignore);
  const decoder = new AwsChunkedDecoder();
  check.trailers = decoder.trailers;
  return pipeline(source, decoder, check, ignore);
}

/** A small (control) body, read whole, checked against `x-amz-content-sha256`. */
export async function verifiedSmallBody(
  request: ApiRequest,
  caller: S3Caller,
  limit: number,
): Promise<Buffer> {
  const reading = request.body(limit);
  // The S3 module paused the request; a 'data' listener alone does not restart a paused stream.
  request.req.resume();
  const body = await reading;
  const hash = caller.claim.payloadHash;
  if (/^[0-9a-f]{64}$/.test(hash) && sha256Hex(body) !== hash) throw sha256Mismatch();
  return body;
}

/** Turns a failed body stream into the S3 error a client should see. */
export function bodyError(error: unknown): unknown {
  if (error instanceof AwsChunkedError) return new S3Error('IncompleteBody', error.message);
  return error;
}

interface Expected {
  sha256?: string;
  md5?: string;
  crc32?: string;
  crc32c?: string;
  length?: number;
}

class BodyCheck extends Transform {
  trailers?: Map<string, string>;
  private readonly sha = createHash('sha256');
  private readonly md5 = createHash('md5');
  private crc = 0;
  private size = 0;
  /** CRC32C (hash-wasm; Node's zlib has only CRC32), created on the first chunk. */
  private crc32c: ReturnType<typeof createCRC32> | undefined;

  constructor(private readonly expected: Expected) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.expected.sha256) this.sha.update(chunk);
    if (this.expected.md5) this.md5.update(chunk);
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    this.crc32cHasher().then(
      (hasher) => {
        hasher.update(chunk);
        done(null, chunk);
      },
      (error: Error) => done(error),
    );
  }

  override _flush(done: TransformCallback): void {
    this.crc32cHasher().then(
      (hasher) => done(this.mismatch(Buffer.from(hasher.digest('binary')).toString('base64')) ?? null),
      (error: Error) => done(error),
    );
  }

  private crc32cHasher() {
    this.crc32c ??= createCRC32(0x82f63b78).then((hasher) => {
      hasher.init();
      return hasher;
    });
    return this.crc32c;
  }

  /** The first way the received bytes differ from what the request declared, if any. */
  private mismatch(actualCrc32c: string): S3Error | undefined {
    const { expected } = this;
    if (expected.length !== undefined && expected.length !== this.size) {
      return new S3Error(
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      );
    }
    if (expected.sha256 && this.sha.digest('hex') !== expected.sha256) return sha256Mismatch();
    if (expected.md5 && this.md5.digest('base64') !== expected.md5) {
      return new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    const crc32c = expected.crc32c ?? this.trailers?.get('x-amz-checksum-crc32c');
    if (crc32c !== undefined && crc32c !== actualCrc32c) {
      return new S3Error('BadDigest', 'The CRC32C you specified did not match the calculated checksum.');
    }
    const crc = expected.crc32 ?? this.trailers?.get('x-amz-checksum-crc32');
    if (crc === undefined) return undefined;
    const actual = Buffer.alloc(4);
    actual.writeUInt32BE(this.crc >>> 0);
    if (actual.toString('base64') === crc) return undefined;
    return new S3Error('BadDigest', 'The CRC32 you specified did not match the calculated checksum.');
  }
}

function sha256Mismatch(): S3Error {
  return new S3Error(
    'XAmzContentSHA256Mismatch',
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  );
}

function decodedLength(value: string | undefined): number {
  if (value === undefined || !/^\d{1,15}$/.test(value)) {
    throw new S3Error(
      'MissingContentLength',
      'You must provide the x-amz-decoded-content-length header with aws-chunked bodies.',
    );
  }
  return Number(value);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
