import { vodError } from './errors.js';
import type { ProviderKey } from './provider.js';

/**
 * Reads fields of an untrusted decoded value by dotted path, throwing a `decode_failed` error that
 * names the exact path at fault (e.g. `Response.TempCertificate.ExpiredTime`). Internal to the
 * decoders: the path a user sees is always the cloud's own spelling.
 */
export class FieldReader {
  constructor(
    private readonly root: unknown,
    private readonly provider: ProviderKey,
    /** Prefixed to every path in errors, e.g. `UploadAuth` for the JSON inside a base64 field. */
    private readonly prefix = '',
    private readonly requestId?: string,
  ) {}

  /** A reader rooted at another value whose paths are reported under `prefix`. */
  nested(root: unknown, prefix: string): FieldReader {
    return new FieldReader(root, this.provider, prefix, this.requestId);
  }

  /** The raw value at `path`, or `undefined` when it or a parent is absent. */
  value(path: string): unknown {
    let current: unknown = this.root;
    const segments = path === '' ? [] : path.split('.');
    for (const [index, segment] of segments.entries()) {
      if (current === undefined || current === null) return undefined;
      // Arrays are walked by index (`URLUploadInfoList.0.Status`).
      if (typeof current !== 'object') {
        throw this.fail(segments.slice(0, index).join('.'), 'is not an object');
      }
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  }

  /** A required object. */
  object(path: string): Record<string, unknown> {
    const value = this.value(path);
    if (value === undefined || value === null) throw this.missing(path);
    if (typeof value !== 'object' || Array.isArray(value)) throw this.fail(path, 'is not an object');
    return value as Record<string, unknown>;
  }

  /** A required, non-empty string. */
  string(path: string): string {
    return this.required(path, this.optionalString(path));
  }

  /** An optional string; `null` and `''` count as absent, as the clouds send both for "none". */
  optionalString(path: string): string | undefined {
    const value = this.value(path);
    if (isAbsent(value)) return undefined;
    if (typeof value !== 'string') throw this.fail(path, `is a ${typeOf(value)}, not a string`);
    return value;
  }

  /** A required finite number; numeric strings are accepted because some clouds quote numbers. */
  number(path: string): number {
    return this.required(path, this.optionalNumber(path));
  }

  /** An optional finite number (or numeric string). */
  optionalNumber(path: string): number | undefined {
    const value = this.value(path);
    if (isAbsent(value)) return undefined;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      throw this.fail(path, `is ${JSON.stringify(value)}, not a number`);
    }
    return number;
  }

  /**
   * A "missing" error naming the shallowest absent part of `path`: when `Response.TempCertificate`
   * is null, that is what is wrong, not its `Token`.
   */
  /** `value`, which `path` must hold. */
  private required<T>(path: string, value: T | undefined): T {
    if (value === undefined) throw this.missing(path);
    return value;
  }

  missing(path: string) {
    const segments = path.split('.');
    for (let length = 1; length < segments.length; length++) {
      const parent = segments.slice(0, length).join('.');
      const value = this.value(parent);
      if (value === undefined || value === null) return this.fail(parent, 'is missing');
    }
    return this.fail(path, 'is missing');
  }

  /** A `decode_failed` error naming `path` (under this reader's prefix). */
  fail(path: string, problem: string, cause?: unknown) {
    const field = [this.prefix, path].filter((part) => part !== '').join('.') || '(root)';
    return vodError('decode_failed', `Unexpected ${this.provider} result: ${field} ${problem}`, {
      provider: this.provider,
      field,
      requestId: this.requestId,
      cause,
    });
  }
}

/** `null` and `''` count as absent, as the clouds send both for "none". */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
