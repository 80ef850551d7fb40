/** An inclusive byte range of an object, clamped to its size. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Why a one-range `bytes=` header cannot be served as asked: it starts at or past the end of the
 * object, its last byte is before its first (`bytes=5-1`), or it asks for no bytes (`bytes=-0`).
 * S3, COS and OSS each treat these differently (refuse with `InvalidRange` or send the whole object),
 * so each decides.
 */
export type UnservableRange = 'past-end' | 'reversed' | 'zero-suffix';

/**
 * Reads a `Range` header for an object of `size` bytes: `bytes=a-b`, `bytes=a-`, `bytes=-n`.
 * Anything else (no header, several ranges, another unit) is undefined: the whole object, as HTTP allows.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-byte-ranges
 */
export function readByteRange(
  header: string | undefined,
  size: number,
): ByteRange | UnservableRange | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'zero-suffix';
    return size === 0 ? 'past-end' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  if (match[2] !== '' && Number(match[2]) < start) return 'reversed';
  if (start >= size) return 'past-end';
  return { start, end: match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1) };
}
