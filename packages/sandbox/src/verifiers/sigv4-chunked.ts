import { Transform, type TransformCallback } from 'node:stream';

/** The body framing is not valid `aws-chunked`: S3 answers `IncompleteBody` / `InvalidRequest`. */
export class AwsChunkedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsChunkedError';
  }
}

/** A size line or trailer line longer than this is not aws-chunked (a guard against unbounded buffering). */
const MAX_LINE = 4096;

/**
 * Decodes an `aws-chunked` body (`Content-Encoding: aws-chunked`, `x-amz-content-sha256:
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER`): `<hex size>[;ext]\r\n<data>\r\n` … `0\r\n<trailers>\r\n\r\n`.
 * The AWS SDK v3 sends this for stream bodies (with a `x-amz-checksum-*` trailer); chunk signatures
 * are not checked here, so the caller must refuse the signed `STREAMING-AWS4-HMAC-SHA256-*` variants.
 * Trailers are in `trailers` once the stream has ended.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
 */
export class AwsChunkedDecoder extends Transform {
  /** Trailing headers (lower-case names), complete after `end`. */
  readonly trailers = new Map<string, string>();
  private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';
  private line = '';
  private remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      let offset = 0;
      while (offset < chunk.length) {
        if (this.state === 'data') {
          const take = Math.min(this.remaining, chunk.length - offset);
          this.push(chunk.subarray(offset, offset + take));
          offset += take;
          this.remaining -= take;
          if (this.remaining === 0) this.state = 'data-end';
          continue;
        }
        if (this.state === 'done') throw new AwsChunkedError('Data after the final aws-chunked chunk.');
        const newline = chunk.indexOf(0x0a, offset);
        const end = newline < 0 ? chunk.length : newline + 1;
        this.line += chunk.toString('latin1', offset, end);
        offset = end;
        if (this.line.length > MAX_LINE) throw new AwsChunkedError('An aws-chunked line is too long.');
        if (newline >= 0) this.onLine(this.line.replace(/\r?\n$/, ''));
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private onLine(line: string): void {
    this.line = '';
    switch (this.state) {
      case 'size': {
        const size = line.split(';')[0] ?? '';
        if (!/^[0-9a-fA-F]{1,8}$/.test(size)) throw new AwsChunkedError('Malformed aws-chunked size line.');
        this.remaining = Number.parseInt(size, 16);
        this.state = this.remaining === 0 ? 'trailer' : 'data';
        return;
      }
      case 'data-end':
        if (line !== '') throw new AwsChunkedError('An aws-chunked chunk is longer than its size.');
        this.state = 'size';
        return;
      case 'trailer': {
        if (line === '') {
          this.state = 'done';
          return;
        }
        const colon = line.indexOf(':');
        if (colon <= 0) throw new AwsChunkedError('Malformed aws-chunked trailer.');
        this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        return;
      }
      default:
        throw new AwsChunkedError('Unexpected aws-chunked state.');
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.state === 'done' ? null : new AwsChunkedError('The aws-chunked body ended early.'));
  }
}
