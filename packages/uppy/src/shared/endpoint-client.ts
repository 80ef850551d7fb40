import { type ProviderKey, VodUploadError, type VodUploadErrorJSON, vodError } from '@vod-uploader/core';
import type { UploadEnvironment } from './environment.js';
import { ClockSkew } from './pending-core.js';
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
  /** Shared so every request of a provider signs with the same corrected clock. */
  clock?: ClockSkew;
}

/**
 * Talks to the credential endpoint: POSTs JSON, retries what is retryable, unwraps `{ result,
 * serverTime }`, turns `{ error }` into a `VodUploadError`, and keeps the clock skew between this
 * browser and the endpoint (its `serverTime`, else its `Date` header) so signatures are not rejected
 * by a cloud whose clock disagrees with the user's.
 */
export class EndpointClient {
  readonly clock: ClockSkew;

  constructor(private readonly options: EndpointClientOptions) {
    this.clock = options.clock ?? new ClockSkew();
  }

  /** The full URL of a route. */
  url(route: string): string {
    return `${this.options.endpoint.replace(/\/+$/, '')}${route}`;
  }

  /** POSTs `body` to `route` and resolves with the raw cloud result. */
  post<T = unknown>(route: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return withRetry((s) => this.postOnce<T>(route, body, s), {
      retry: this.options.retry,
      env: this.options.env,
      signal,
    });
  }

  private async postOnce<T>(route: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const { provider } = this.options;
    const extra =
      typeof this.options.headers === 'function' ? await this.options.headers() : this.options.headers;
    const doFetch = this.options.fetch ?? globalThis.fetch;
    const sentAt = Date.now();
    let response: Response;
    try {
      response = await doFetch(this.url(route), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...extra },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        signal,
      });
    } catch (cause) {
      if (signal?.aborted)
        throw vodError('aborted', 'The upload was paused or cancelled.', { retryable: false });
      throw vodError('network', `The credential endpoint could not be reached (${route}).`, {
        provider,
        cause,
      });
    }
    const receivedAt = Date.now();
    let json: unknown;
    try {
      json = await response.json();
    } catch (cause) {
      throw vodError(
        response.status >= 500 ? 'cloud_unavailable' : 'internal',
        `The credential endpoint answered ${route} with HTTP ${response.status} and no JSON.`,
        { provider, cause: { status: response.status, cause } },
      );
    }
    const envelope = (json ?? {}) as { result?: T; serverTime?: unknown; error?: VodUploadErrorJSON };
    if (response.ok && envelope.result !== undefined) {
      const dateHeader = Date.parse(response.headers.get('date') ?? '');
      const serverTime = typeof envelope.serverTime === 'number' ? envelope.serverTime : dateHeader;
      if (Number.isFinite(serverTime)) this.clock.observe(serverTime, sentAt, receivedAt);
      return envelope.result;
    }
    if (envelope.error && typeof envelope.error.code === 'string') {
      throw VodUploadError.fromJSON({ provider, ...envelope.error });
    }
    throw vodError(
      response.status >= 500 ? 'cloud_unavailable' : 'internal',
      `The credential endpoint answered ${route} with HTTP ${response.status} but neither result nor error.`,
      { provider, cause: { status: response.status } },
    );
  }
}
