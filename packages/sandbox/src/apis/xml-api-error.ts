import { StoreError, type StoreErrorCode } from '../store/object-store.js';

/**
 * The codes S3, COS and OSS share, with the status all three give them (COS and OSS took S3's API);
 * each API's own table spreads this one and adds its own codes. The store's codes are among them.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
export const XML_API_ERROR_STATUS = {
  AccessDenied: 403,
  InvalidAccessKeyId: 403,
  SignatureDoesNotMatch: 403,
  RequestTimeTooSkewed: 403,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchBucket: 404,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  EntityTooSmall: 400,
  EntityTooLarge: 400,
  InvalidArgument: 400,
  InvalidDigest: 400,
  MalformedXML: 400,
  InvalidRange: 416,
  MethodNotAllowed: 405,
  NotImplemented: 501,
  InternalError: 500,
} as const satisfies Record<string, number> & Record<StoreErrorCode, number>;

/**
 * The base class of one API's refusals, whose code table is `statuses` (spreading
 * {@link XML_API_ERROR_STATUS}, plus the API's own codes with the docs that give their statuses):
 * the codes the class accepts are that table's keys, so none can be thrown without a status.
 * @example
 * export class CosError extends xmlApiErrorOf({ ...XML_API_ERROR_STATUS, ExpiredToken: 403 }) {}
 */
export function xmlApiErrorOf<const S extends Readonly<Record<string, number>>>(statuses: S) {
  return class extends XmlApiError<Extract<keyof S, string>> {
    static override readonly statuses = statuses;
  };
}

/** A subclass of {@link XmlApiError} that the store's codes can be turned into. */
type FromStore<E> = new (code: StoreErrorCode, message: string) => E;

/**
 * A refusal of one of the S3-shaped XML APIs (S3, COS, OSS): one of that API's codes, a message for
 * people, and the elements some codes add (`StringToSign`, `RequestTime`). Each API subclasses it with
 * its code table (`statuses`, citing the cloud's docs), so the code picks the HTTP status in one place
 * per cloud, and the shared store's errors become each cloud's own with {@link XmlApiError.from}.
 */
export class XmlApiError<C extends string> extends Error {
  /** The API's code → HTTP status table; a subclass replaces it with its own. */
  static readonly statuses: Readonly<Record<string, number>> = XML_API_ERROR_STATUS;

  constructor(
    readonly code: C,
    message: string,
    /** Extra elements of the `<Error>` document, after `Message`. */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The HTTP status of {@link code}, from the API's table. */
  get status(): number {
    return (this.constructor as typeof XmlApiError).statuses[this.code] ?? 500;
  }

  /** `error` as this API's refusal: itself, or a store error under the same code; else undefined. */
  static from<E extends XmlApiError<string>>(this: FromStore<E>, error: unknown): E | undefined {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass called on; CosError.from must not pass an OssError.
    if (error instanceof this) return error;
    if (error instanceof StoreError) return new this(error.code, error.message);
    return undefined;
  }
}
