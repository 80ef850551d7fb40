import {
  ClockSkew,
  decodeEndpointResponse,
  type EndpointResult,
  isVodUploadError,
  newRequestId,
  type ProviderKey,
  vodError,
} from '@vod-uploader/core';
import { abortedError, type UploadEnvironment } from './environment.js';
import type { RetryOptions } from './retry-options.js';
import { withRetry } from './with-retry.js';

/** Extra headers for every endpoint call (e.g. a CSRF token or `Authorization`), or a function giving them. */
export type EndpointHeaders =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

/** Options of {@link EndpointClient}. */
export interface EndpointClientOptions {
  /** Base URL of the credential endpoint, e.g. `/api/vod`. */
  endpoint: string;
  headers?: EndpointHeaders;
  provider: ProviderKey;
  retry: Required<RetryOptions>;
  env: UploadEnvironment;
  /** Injected for tests; defaults to the global `fetch`, read at call time. */
  fetch?: typeof fetch;
}

/** The corrected clock every signature of a provider uses. */
export interface CloudClock {
  /** The cloud's current time, epoch ms. */
  now(): number;
  /** Cloud time minus local time, ms. */
  readonly offsetMs: number;
}

/**
 * Talks to the credential endpoint: POSTs JSON (and GETs task statuses), retries what is retryable, decodes the answer with
 * core's `decodeEndpointResponse` (so `{ error }` comes back as the endpoint's own `VodUploadError`),
 * and keeps the skew between this browser's clock and the endpoint's `serverTime`, so signatures are
 * not refused by a cloud whose clock disagrees with the user's.
 */
export class EndpointClient implements CloudClock {
  private skew: ClockSkew;

  constructor(private readonly options: EndpointClientOptions) {
    this.skew = ClockSkew.none(options.env.now);
  }

  now(): number {
    return this.skew.now();
  }

  get offsetMs(): number {
    return this.skew.offsetMs;
  }

  /** The full URL of a route. */
  url(route: string): string {
    return `${this.options.endpoint.replace(/\/+$/, '')}${route}`;
  }

  /** POSTs `body` to `route` and resolves with the raw cloud result, for the provider's decoder. */
  async post<T = unknown>(route: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return (await this.request<T>('POST', route, body, signal)).result;
  }

  /**
   * As {@link post}, for a route an older endpoint may lack (the finish routes of Alibaba and S3): its
   * 404 without a cloud code resolves `undefined` rather than failing an upload whose bytes are stored.
   */
  async postIfRouted<T = unknown>(
    route: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<EndpointResult<T> | undefined> {
    try {
      return await this.postForEnvelope<T>(route, body, signal);
    } catch (error) {
      if (isVodUploadError(error) && error.code === 'not_found' && error.cloudCode === undefined) return;
      throw error;
    }
  }

  /**
   * As {@link post}, resolving with the whole decoded answer: the raw result and what the endpoint
   * sent beside it — the session's sealed `ticket` (from routes that open an upload session; every
   * later call of the session sends it back) and `storageEndpoint` (the bucket host it is configured with).
   */
  postForEnvelope<T = unknown>(
    route: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<EndpointResult<T>> {
    return this.request<T>('POST', route, body, signal);
  }

  /**
   * As {@link postForEnvelope}, for a route that has the cloud open a session: the body carries a
   * fresh `requestId`, the same on this call's retries, so a retry whose first answer was lost gets
   * that session rather than a second. An endpoint older than the field refuses it
   * (`request_invalid` on `requestId`): the call is then made as before, without it.
   */
  async postOnceOnly<T = unknown>(
    route: string,
    body: object,
    signal?: AbortSignal,
  ): Promise<EndpointResult<T>> {
    try {
      return await this.postForEnvelope<T>(route, { ...body, requestId: newRequestId() }, signal);
    } catch (error) {
      if (!isVodUploadError(error) || error.code !== 'request_invalid' || error.field !== 'requestId')
        throw error;
      return this.postForEnvelope<T>(route, body, signal);
    }
  }

  /** GETs `route` (e.g. a task status, `/tencent/tasks/<id>`) and resolves with the raw cloud result. */
  async get<T = unknown>(route: string, signal?: AbortSignal): Promise<T> {
    return (await this.request<T>('GET', route, undefined, signal)).result;
  }

  private request<T>(
    method: 'GET' | 'POST',
    route: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<EndpointResult<T>> {
    return withRetry((s) => this.requestOnce<T>(method, route, body, s), {
      retry: this.options.retry,
      env: this.options.env,
      signal,
      waitAskedBy: (error) => (typeof error === 'object' && error ? waitsAsked.get(error) : undefined),
    });
  }

  private async requestOnce<T>(
    method: 'GET' | 'POST',
    route: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<EndpointResult<T>> {
    const { provider, env } = this.options;
    const extra =
      typeof this.options.headers === 'function' ? await this.options.headers() : this.options.headers;
    const doFetch = this.options.fetch ?? globalThis.fetch;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(this.url(route), {
        method,
        headers: {
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          accept: 'application/json',
          ...extra,
        },
        ...(method === 'POST' ? { body: JSON.stringify(body) } : { cache: 'no-store' as const }),
        credentials: 'same-origin',
        signal,
      });
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw abortedError();
      // The browser says no more: offline, the endpoint down, or another origin without CORS headers.
      throw vodError(
        'network',
        `The upload endpoint could not be reached (${route}): offline, not running, or on another origin without CORS (the server's \`cors\` option).`,
        { provider, cause },
      );
    }
    // The endpoint's errors name no provider when they come from its policy; this client knows it.
    let decoded: EndpointResult<T>;
    try {
      decoded = decodeEndpointResponse<T>(response.status, text, provider);
    } catch (error) {
      const wait = retryAfterMs(response.headers.get('retry-after'));
      if (wait !== undefined && typeof error === 'object' && error) waitsAsked.set(error, wait);
      throw error;
    }
    this.skew = new ClockSkew(decoded.serverTime, env.now(), env.now);
    return decoded;
  }
}

/** The wait each failed answer asked for with `Retry-After`, ms, for the retry loop. */
const waitsAsked = new WeakMap<object, number>();

/** The longest `Retry-After` honoured: a longer one would look like a hang; the retries go on after it. */
const MAX_RETRY_AFTER_MS = 60_000;

/** `Retry-After` in seconds (the form endpoints and proxies send) as ms, at most a minute. */
export function retryAfterMs(header: string | null): number | undefined {
  return header && /^\d+$/.test(header) ? Math.min(MAX_RETRY_AFTER_MS, Number(header) * 1000) : undefined;
}

/**
 * The finish answer's `ticket` as a result field: it lets the browser read the media's processing
 * state (`/media/status`); absent when the endpoint sent none (an older endpoint, a missing route).
 */
export function statusTicketOf(answer: EndpointResult<unknown> | undefined): { statusTicket?: string } {
  return answer?.ticket ? { statusTicket: answer.ticket } : {};
}
