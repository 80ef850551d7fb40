import { decodeEndpointResponse, type ProviderKey, vodError } from '@vod-uploader/core';
import type { EndpointHeaders } from '../shared/endpoint-client.js';
import { abortedError, type UploadEnvironment } from '../shared/environment.js';
import type { RetryOptions } from '../shared/retry-options.js';
import { withRetry } from '../shared/with-retry.js';

/** Options of {@link EndpointReader}: those of the `EndpointClient` it sits beside. */
export interface EndpointReaderOptions {
  endpoint: string;
  headers?: EndpointHeaders;
  provider: ProviderKey;
  retry: Required<RetryOptions>;
  env: UploadEnvironment;
  fetch?: typeof fetch;
}

/**
 * GETs a route of the credential endpoint (the task status routes are GETs, and `EndpointClient`
 * only POSTs): same headers, retry and decoding of `{ result }` / `{ error }` as its POSTs.
 */
export class EndpointReader {
  constructor(private readonly options: EndpointReaderOptions) {}

  /** GETs `route/id` and resolves with the raw cloud result, for the provider's decoder. */
  get<T = unknown>(route: string, id: string, signal?: AbortSignal): Promise<T> {
    return withRetry((s) => this.getOnce<T>(route, id, s), {
      retry: this.options.retry,
      env: this.options.env,
      signal,
    });
  }

  private async getOnce<T>(route: string, id: string, signal?: AbortSignal): Promise<T> {
    const { provider, headers } = this.options;
    const extra = typeof headers === 'function' ? await headers() : headers;
    const doFetch = this.options.fetch ?? globalThis.fetch;
    const url = `${this.options.endpoint.replace(/\/+$/, '')}${route}/${encodeURIComponent(id)}`;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: 'GET',
        headers: { accept: 'application/json', ...extra },
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      });
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw abortedError();
      throw vodError('network', `The upload endpoint could not be reached (${route}).`, { provider, cause });
    }
    return decodeEndpointResponse<T>(response.status, text).result;
  }
}
