import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import type { ApiRequest } from '../../http/api-module.js';
import { type AdditionalChecksum, createAdditionalChecksum } from '../../store/additional-checksum.js';
import { sha256Hex } from '../../verifiers/sigv4.js';
import { AwsChunkedDecoder, AwsChunkedError } from '../../verifiers/sigv4-chunked.js';
import { isMd5Digest } from '../md5-checked-body.js';
import { assertUploadSizeAllowed, MAX_UPLOAD_BODY_BYTES } from '../upload-size-limit.js';
import { type S3Caller, STREAMING_UNSIGNED_TRAILER } from './s3-auth.js';
import { checksumMismatch, type DeclaredChecksum, declaredChecksum } from './s3-checksums.js';
import { S3Error } from './s3-errors.js';

/** An object body whose bytes are checked as they pass, and the checksum S3 echoes once they passed. */
export interface VerifiedBody {
  stream: Readable;
  /** The `x-amz-checksum-*` header S3 answers for the algorithm the request declared (after the body). */
  echoed(): Record<string, string>;
}

/**
 * An object body (PutObject, UploadPart) as a stream that fails with the S3 error when the bytes do
 * not match what was signed or declared: `x-amz-content-sha256`, `Content-MD5`, an
 * `x-amz-checksum-*` (header or aws-chunked trailer), `x-amz-decoded-content-length`. The failure
 * happens before the stream ends, so the store never commits a bad object; a malformed digest, and a
 * declared size over 5 GiB (`EntityTooLarge`), are refused before any byte is read.
 */
export function verifiedObjectBody(request: ApiRequest, caller: S3Caller): VerifiedBody {
  const headers = request.req.headers;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  const chunked = caller.claim.payloadHash === STREAMING_UNSIGNED_TRAILER;
  assertUploadSizeAllowed(
    headers,
    (size) =>
      new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
        ProposedSize: String(size),
        MaxSizeAllowed: String(MAX_UPLOAD_BODY_BYTES),
      }),
    chunked ? 'x-amz-decoded-content-length' : 'content-length',
  );
  const md5 = single(headers['content-md5']);
  if (md5 !== undefined && !isMd5Digest(md5)) {
    throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.');
  }
  const check = new BodyCheck({
    sha256: /^[0-9a-f]{64}$/.test(caller.claim.payloadHash) ? caller.claim.payloadHash : undefined,
    md5,
    checksum: declaredChecksum(headers),
    length: chunked ? decodedLength(single(headers['x-amz-decoded-content-length'])) : undefined,
  });
  const source = request.bodyStream();
  const ignore = () => {};
  const echoed = () => check.echoed();
  if (!chunked) return { stream: pipeline(source, check, ignore), echoed };
  const decoder = new AwsChunkedDecoder();
  check.trailers = decoder.trailers;
  return { stream: pipeline(source, decoder, check, ignore), echoed };
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
  /** The one additional checksum declared: its value, or none when it comes as a trailer. */
  checksum?: DeclaredChecksum;
  length?: number;
}

class BodyCheck extends Transform {
  trailers?: Map<string, string>;
  private readonly sha = createHash('sha256');
  private readonly md5 = createHash('md5');
  private size = 0;
  /** The declared checksum's hasher (hash-wasm's are async to create), made on the first chunk. */
  private checksum: Promise<AdditionalChecksum> | undefined;
  private checksumValue: string | undefined;

  constructor(private readonly expected: Expected) {
    super();
  }

  echoed(): Record<string, string> {
    const name = this.expected.checksum?.name;
    return name && this.checksumValue ? { [`x-amz-checksum-${name}`]: this.checksumValue } : {};
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.expected.sha256) this.sha.update(chunk);
    if (this.expected.md5) this.md5.update(chunk);
    this.size += chunk.length;
    this.declaredChecksum().then(
      (hasher) => {
        hasher?.update(chunk);
        done(null, chunk);
      },
      (error: Error) => done(error),
    );
  }

  override _flush(done: TransformCallback): void {
    this.declaredChecksum().then(
      (hasher) => {
        this.checksumValue = hasher?.digest();
        done(this.mismatch() ?? null);
      },
      (error: Error) => done(error),
    );
  }

  private declaredChecksum(): Promise<AdditionalChecksum | undefined> {
    const name = this.expected.checksum?.name;
    if (!name) return Promise.resolve(undefined);
    this.checksum ??= createAdditionalChecksum(name);
    return this.checksum;
  }

  /** The first way the received bytes differ from what the request declared, if any. */
  private mismatch(): S3Error | undefined {
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
    const declared = expected.checksum;
    if (!declared) return undefined;
    const value = declared.value ?? this.trailers?.get(`x-amz-checksum-${declared.name}`);
    if (value === undefined || value === this.checksumValue) return undefined;
    return checksumMismatch(declared.name);
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
