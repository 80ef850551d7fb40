import type { ProviderKey } from './provider.js';

/**
 * Stable, machine-readable error codes. Never rename one once released: apps switch on them.
 * The credential endpoint maps each to an HTTP status in one table (`httpStatusOf`).
 */
export type VodUploadErrorCode =
  /** The library or endpoint was configured wrongly (missing option, bad combination). */
  | 'config_invalid'
  /** The request sent to the endpoint failed validation (a field is missing or has the wrong type). */
  | 'request_invalid'
  /** The endpoint's policy refused the file: type, extension, size or a field the client may not set. */
  | 'policy_refused'
  /** The endpoint's `authorize` refused the caller: not signed in. */
  | 'unauthorized'
  /** The endpoint's `authorize` refused the caller: signed in but not allowed. */
  | 'forbidden'
  /** Too many requests for this caller. */
  | 'rate_limited'
  /** The request body did not arrive in time (the endpoint stops waiting for slow bodies). */
  | 'request_timeout'
  /** The request body is larger than the endpoint reads. */
  | 'body_too_large'
  /** A raw cloud result could not be decoded (bad base64, bad JSON, missing or mistyped field). */
  | 'decode_failed'
  /** The temporary upload credential has expired (or will before the upload can finish). */
  | 'credential_expired'
  /** The cloud refused the request (its own error code is in `cloudCode`). */
  | 'cloud_refused'
  /** The cloud (or the endpoint's call to it) is unreachable or answered with a server error. */
  | 'cloud_unavailable'
  /** The network dropped, timed out, or the browser is offline. */
  | 'network'
  /** The upload was paused/cancelled/removed by the user. */
  | 'aborted'
  /** The file changed on disk while it was being uploaded. */
  | 'file_changed'
  /**
   * The bytes the bucket holds are not the file's: the object's checksum (CRC64 on COS/OSS, CRC32C
   * on S3) answered by the cloud differs from the one computed in the browser. Nothing was committed.
   */
  | 'integrity_failed'
  /** The file was refused before any upload began (empty, too large, wrong type, too long). */
  | 'file_invalid'
  /** Something was asked for that does not exist (a task, a video id, a route). */
  | 'not_found'
  /**
   * A link import the cloud had already taken from this caller within its dedup window (Tencent
   * `PullUpload` refuses a repeated `SessionId` for 3 days) and whose earlier task cannot be looked
   * up again. Importing it anew is a new try (`attempt` + 1).
   */
  | 'already_imported'
  /**
   * The endpoint could not settle a once-only step (report a media, de-duplicate an import or an
   * event) through the store its instances share: the store (Redis) is unreachable or slow, or
   * another instance is still carrying out the same step. Nothing was done twice; retry later
   * (503, retryable).
   */
  | 'store_unavailable'
  /** An unexpected internal failure. */
  | 'internal'
  // Issue #15: a wrong endpoint path.
  /** Nothing answers at the credential endpoint's address (a 404 that is not the endpoint's own error). */
  | 'endpoint_not_found'
  // Issue #18: media ready.
  /**
   * The cloud could not process (transcode) an uploaded media: the bytes are stored, the video will
   * not play. `message` is the cloud's reason, `cloudCode` its code. Uploading again rarely helps.
   */
  | 'processing_failed'
  /**
   * The media was still processing when the browser stopped waiting for it (the status poller's
   * deadline). The upload itself succeeded; the media may become ready later.
   */
  | 'processing_timeout';

/** Where the failure happened; used to pick a subclass and a user-facing message. */
export interface VodUploadErrorOptions {
  provider?: ProviderKey;
  /** The cloud's own error code, e.g. `InvalidParameterValue.MediaType` or `SecurityTokenExpired`. */
  cloudCode?: string;
  /** The cloud's `RequestId`, for support tickets. */
  requestId?: string;
  /** The request field or decoded field at fault, e.g. `Response.TempCertificate.Token`. */
  field?: string;
  /** Whether trying again (the same request, later) may succeed. Defaults from the code. */
  retryable?: boolean;
  cause?: unknown;
}

/** Serializable form of an error, as the endpoint sends it (`{ error: VodUploadErrorJSON }`). */
export interface VodUploadErrorJSON {
  code: VodUploadErrorCode;
  message: string;
  provider?: ProviderKey;
  cloudCode?: string;
  requestId?: string;
  field?: string;
  retryable: boolean;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<VodUploadErrorCode> = new Set([
  'cloud_unavailable',
  'network',
  'rate_limited',
  'credential_expired',
  'request_timeout',
  'store_unavailable',
  'processing_timeout',
]);

const BRAND = Symbol.for('vod-uploader.error');

/**
 * The one error type of vod-uploader. Subclasses only say where things failed; programs should
 * switch on `code`, and may show `message` to people.
 */
export class VodUploadError extends Error {
  readonly code: VodUploadErrorCode;
  readonly provider: ProviderKey | undefined;
  readonly cloudCode: string | undefined;
  readonly requestId: string | undefined;
  readonly field: string | undefined;
  readonly retryable: boolean;
  readonly [BRAND] = true;

  constructor(code: VodUploadErrorCode, message: string, options: VodUploadErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VodUploadError';
    this.code = code;
    this.provider = options.provider;
    this.cloudCode = options.cloudCode;
    this.requestId = options.requestId;
    this.field = options.field;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
  }

  toJSON(): VodUploadErrorJSON {
    const json: VodUploadErrorJSON = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.provider) json.provider = this.provider;
    if (this.cloudCode) json.cloudCode = this.cloudCode;
    if (this.requestId) json.requestId = this.requestId;
    if (this.field) json.field = this.field;
    return json;
  }

  /** Rebuilds an error from its wire form (the endpoint's `{ error }` body). */
  static fromJSON(json: VodUploadErrorJSON): VodUploadError {
    const Ctor = subclassFor(json.code);
    return new Ctor(json.code, json.message, json);
  }
}

/** Bad configuration or bad input given to the library or the endpoint. */
export class VodConfigError extends VodUploadError {
  override name = 'VodConfigError';
}
/** A raw cloud result could not be decoded. */
export class VodDecodeError extends VodUploadError {
  override name = 'VodDecodeError';
}
/** The temporary credential is missing, expired or about to expire. */
export class VodCredentialError extends VodUploadError {
  override name = 'VodCredentialError';
}
/** The network, a timeout, or an unreachable service. */
export class VodNetworkError extends VodUploadError {
  override name = 'VodNetworkError';
}
/** The cloud (or our endpoint's policy) refused the request. */
export class VodRefusedError extends VodUploadError {
  override name = 'VodRefusedError';
}

function subclassFor(code: VodUploadErrorCode): typeof VodUploadError {
  switch (code) {
    case 'config_invalid':
    case 'request_invalid':
    case 'body_too_large':
    case 'file_invalid':
    case 'endpoint_not_found':
      return VodConfigError;
    case 'decode_failed':
      return VodDecodeError;
    case 'credential_expired':
      return VodCredentialError;
    case 'network':
    case 'cloud_unavailable':
    case 'request_timeout':
    case 'store_unavailable':
    case 'processing_timeout':
      return VodNetworkError;
    case 'cloud_refused':
    case 'processing_failed':
    case 'policy_refused':
    case 'already_imported':
    case 'unauthorized':
    case 'forbidden':
    case 'rate_limited':
      return VodRefusedError;
    default:
      return VodUploadError;
  }
}

/** Creates the right subclass for a code. Prefer this over `new` in library code. */
export function vodError(
  code: VodUploadErrorCode,
  message: string,
  options?: VodUploadErrorOptions,
): VodUploadError {
  const Ctor = subclassFor(code);
  return new Ctor(code, message, options);
}

/**
 * True for any vod-uploader error, even one thrown by another bundled copy of this package
 * (so it does not rely on `instanceof`).
 */
export function isVodUploadError(value: unknown): value is VodUploadError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** The HTTP status the credential endpoint answers with for each code. */
export function httpStatusOf(code: VodUploadErrorCode): number {
  switch (code) {
    case 'request_invalid':
    case 'policy_refused':
    case 'file_invalid':
    case 'decode_failed':
    case 'cloud_refused':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
    case 'endpoint_not_found':
      return 404;
    case 'already_imported':
      return 409;
    case 'request_timeout':
      return 408;
    case 'body_too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'credential_expired':
      return 403;
    case 'cloud_unavailable':
    case 'network':
      return 502;
    case 'store_unavailable':
      return 503;
    case 'aborted':
      return 499;
    case 'integrity_failed':
    case 'processing_failed':
      return 422;
    case 'processing_timeout':
      return 504;
    default:
      return 500;
  }
}
