import type { StorageEndpoint } from './endpoint-contract.js';
import { VodUploadError, type VodUploadErrorCode, type VodUploadErrorJSON, vodError } from './errors.js';
import { isRecord } from './field-reader.js';
import type { ProviderKey } from './provider.js';
import { isVodUploadErrorCode } from './user-message-of.js';

/** A decoded success of the credential endpoint. */
export interface EndpointResult<T> {
  /** The cloud's raw result, for the provider's decoder. */
  result: T;
  /** The endpoint's clock, epoch ms (see `ClockSkew`). */
  serverTime: number;
  /** The sealed ticket of the upload session the answer opened (see `EndpointSuccess.ticket`). */
  ticket?: string;
  /** The bucket host the endpoint is configured with, when it is not the cloud's default. */
  storageEndpoint?: StorageEndpoint;
}

/**
 * Decodes one answer of the credential endpoint (`EndpointSuccess` / `EndpointFailure`). `body` is
 * the parsed JSON, or the response text when it may not be JSON.
 *
 * @returns `{ result, serverTime, ticket?, storageEndpoint? }` for a 2xx with the right shape.
 * @throws the endpoint's own `VodUploadError` rebuilt from `{ error }` (so `code`, `cloudCode`,
 *   `requestId` survive the hop); `cloud_unavailable` for a 5xx without a usable body (a proxy's HTML
 *   page, an empty 502); `endpoint_not_found` for a 404 that is not the endpoint's own error (the
 *   configured path is wrong: a web server's HTML page, another API's JSON); by the status alone for
 *   a proxy's refusal (401 `unauthorized`, 403 `forbidden`, 408 `request_timeout`, 413
 *   `body_too_large`, 429 `rate_limited`); `decode_failed` for any other body that is not our wire format.
 * @example
 * const response = await fetch(url, { method: 'POST', body });
 * const { result, serverTime } = decodeEndpointResponse<unknown>(response.status, await response.text());
 */
export function decodeEndpointResponse<T>(
  status: number,
  body: unknown,
  /** The cloud the caller uploads to, named in errors that carry none (the endpoint's own refusals). */
  provider?: ProviderKey,
): EndpointResult<T> {
  const decodeFailed = (field: string, problem: string) =>
    vodError('decode_failed', `The upload endpoint's answer (HTTP ${status}): ${field} ${problem}`, {
      field,
      provider,
    });
  const parsed = parseBody(body);
  const isServerError = status >= 500;
  if (status >= 200 && status < 300) {
    if (!isRecord(parsed)) throw decodeFailed('(root)', 'is not a JSON object');
    if (!('result' in parsed)) throw decodeFailed('result', 'is missing');
    const { serverTime } = parsed;
    if (typeof serverTime !== 'number' || !Number.isFinite(serverTime) || serverTime <= 0) {
      throw decodeFailed('serverTime', 'is missing or not epoch milliseconds');
    }
    const { ticket } = parsed;
    if (ticket !== undefined && (typeof ticket !== 'string' || ticket === '')) {
      throw decodeFailed('ticket', 'is not a non-empty string');
    }
    const storageEndpoint = storageEndpointOf(parsed.storageEndpoint, decodeFailed);
    return {
      result: parsed.result as T,
      serverTime,
      ...(ticket === undefined ? {} : { ticket }),
      ...(storageEndpoint ? { storageEndpoint } : {}),
    };
  }
  const json = isRecord(parsed) ? errorJsonOf(parsed.error) : undefined;
  if (json) {
    // An endpoint that leaves `retryable` out gets the code's default, not a silent `false`.
    const named = { ...json, provider: json.provider ?? provider };
    throw named.retryable === undefined
      ? vodError(named.code, named.message, named)
      : VodUploadError.fromJSON({ ...named, retryable: named.retryable });
  }
  if (status === 404) {
    throw vodError(
      'endpoint_not_found',
      'Nothing answers at the upload endpoint (HTTP 404, not its own error)',
      { provider },
    );
  }
  if (isServerError) {
    // Not the endpoint's own JSON: a gateway in front of it (a dev server's proxy, a load balancer)
    // answered for an endpoint it could not reach.
    const gateway =
      status === 502 || status === 504 ? ' from a proxy in front of it: is the endpoint running?' : '';
    throw vodError('cloud_unavailable', `The upload endpoint answered HTTP ${status}${gateway}`, {
      retryable: true,
      provider,
    });
  }
  // A proxy, gateway or sign-in layer in front of the endpoint refused the request in its own words.
  const refused = REFUSED_BY_STATUS[status];
  if (refused)
    throw vodError(refused, `A proxy before the upload endpoint answered HTTP ${status}`, { provider });
  throw decodeFailed('error', 'is missing or not a vod-uploader error');
}

/** What an answer that is not the endpoint's own JSON means, by its status alone. */
const REFUSED_BY_STATUS: Readonly<Record<number, VodUploadErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  408: 'request_timeout',
  413: 'body_too_large',
  429: 'rate_limited',
};

/** A present but malformed host is refused: guessing would send the bytes somewhere else. */
function storageEndpointOf(
  value: unknown,
  decodeFailed: (field: string, problem: string) => VodUploadError,
): StorageEndpoint | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw decodeFailed('storageEndpoint', 'is not an object');
  const { domain, protocol } = value;
  // A host template (`127.0.0.1:9000/{Bucket}`), not a URL: the scheme travels in `protocol`.
  if (typeof domain !== 'string' || domain === '' || /\s|:\/\//.test(domain)) {
    throw decodeFailed('storageEndpoint.domain', 'is not a host template without a scheme');
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw decodeFailed('storageEndpoint.protocol', "is neither 'http:' nor 'https:'");
  }
  return { domain, protocol };
}

const NO_BODY = Symbol('no body');

function parseBody(body: unknown): unknown {
  if (body === undefined || body === null) return NO_BODY;
  if (typeof body !== 'string') return body;
  if (body.trim() === '') return NO_BODY;
  try {
    return JSON.parse(body);
  } catch {
    return NO_BODY;
  }
}

type ErrorJsonWire = Omit<VodUploadErrorJSON, 'retryable'> & { retryable?: boolean };

function errorJsonOf(value: unknown): ErrorJsonWire | undefined {
  if (!isRecord(value) || typeof value.code !== 'string' || typeof value.message !== 'string')
    return undefined;
  // A code this version does not know (a newer endpoint's, or a hostile `__proto__`) is `internal`,
  // the wire's code kept in the message for developers.
  const json: ErrorJsonWire = isVodUploadErrorCode(value.code)
    ? { code: value.code, message: value.message }
    : { code: 'internal', message: `${value.message} (code ${JSON.stringify(value.code.slice(0, 64))})` };
  if (typeof value.retryable === 'boolean') json.retryable = value.retryable;
  if (typeof value.provider === 'string') json.provider = value.provider as VodUploadErrorJSON['provider'];
  for (const key of ['cloudCode', 'requestId', 'field'] as const) {
    const item = value[key];
    if (typeof item === 'string') json[key] = item;
  }
  return json;
}
