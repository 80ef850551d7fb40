import { createHash } from 'node:crypto';
import {
  finished,
  PassThrough,
  pipeline,
  type Readable,
  Transform,
  type TransformCallback,
} from 'node:stream';
import type { ApiRequest } from '../../http/api-module.js';
import { type AdditionalChecksum, createAdditionalChecksum } from '../../store/additional-checksum.js';
import { sha256Hex } from '../../verifiers/sigv4.js';
import { AwsChunkedDecoder, AwsChunkedError } from '../../verifiers/sigv4-chunked.js';
import { isMd5Digest } from '../md5-checked-body.js';
import { assertUploadSizeAllowed } from '../upload-size-limit.js';
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
 * declared size over `maxBytes` (5 GiB; `EntityTooLarge`), are refused before any byte is read, and a
 * body that declares no length (`Transfer-Encoding: chunked`) is cut off with `EntityTooLarge` once
 * it passes `maxBytes`.
 */
export function verifiedObjectBody(request: ApiRequest, caller: S3Caller, maxBytes: number): VerifiedBody {
  const headers = request.req.headers;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  const chunked = caller.claim.payloadHash === STREAMING_UNSIGNED_TRAILER;
  const tooLarge = (size: number) =>
    new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: String(size),
      MaxSizeAllowed: String(maxBytes),
    });
  assertUploadSizeAllowed(
    headers,
    maxBytes,
    tooLarge,
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
    maxBytes,
    tooLarge,
  });
  const echoed = () => check.echoed();
  if (!chunked) return { stream: checkedStream(request.bodyStream(), [check]), echoed };
  const decoder = new AwsChunkedDecoder();
  check.trailers = decoder.trailers;
  return { stream: checkedStream(request.bodyStream(), [decoder, check]), echoed };
}

/**
 * `source` through the checks, whose failure fails the stream the store reads but leaves `source`
 * (the request body) alone: pipeline() would destroy it, and with it the socket, so a body refused
 * while it still arrives (cut off past the limit) would get no answer. The request is then only
 * paused; the refusal is answered and the connection closed after it. A source that fails (the
 * client went away) still fails the checks.
 */
function checkedStream(source: Readable, checks: Transform[]): Readable {
  const entry = new PassThrough();
  pipeline([entry, ...checks], () => {});
  finished(source, (error) => {
    if (error) entry.destroy(error);
  });
  source.pipe(entry);
  return checks[checks.length - 1] as Transform;
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
  /** The most bytes the body may have; past them it fails with `tooLarge(bytes received)`. */
  maxBytes: number;
  tooLarge: (size: number) => S3Error;
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
    // A body that declared its length was held to it before; one that did not is cut off here.
    if (this.size > this.expected.maxBytes) {
      done(this.expected.tooLarge(this.size));
      return;
    }
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
