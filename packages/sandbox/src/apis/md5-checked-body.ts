import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';

/**
 * `source` as a stream that fails with `mismatch()` when its bytes' MD5 (base64) is not `expected`.
 * It fails before the stream ends, so the store never commits the object or part: COS and OSS store
 * nothing, and keep what was there, when the digest is wrong.
 */
export function md5CheckedBody(source: Readable, expected: string, mismatch: () => Error): Readable {
  return pipeline(source, new Md5Check(expected, mismatch), () => {});
}

/** Whether a `Content-MD5` value can be a digest at all: base64 of 16 bytes. */
export function isMd5Digest(value: string): boolean {
  return /^[A-Za-z0-9+/]{22}==$/.test(value);
}

class Md5Check extends Transform {
  private readonly md5 = createHash('md5');

  constructor(
    private readonly expected: string,
    private readonly mismatch: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.md5.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.md5.digest('base64') === this.expected ? null : this.mismatch());
  }
}
