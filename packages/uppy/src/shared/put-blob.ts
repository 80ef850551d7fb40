import { type ProviderKey, vodError } from '@vod-uploader/core';
import { cloudHttpError } from './cloud-error.js';
import { abortedError } from './environment.js';

/** One request that carries bytes: a signed PUT (or POST) of a `Blob` slice. */
export interface PutBlobRequest {
  url: string;
  method?: 'PUT' | 'POST';
  headers?: Record<string, string>;
  body: Blob;
  /** Fails the request when no byte moved for this long (an idle timeout, so large parts on slow links live). */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** Bytes of `body` sent so far; called as the browser reports upload progress. */
  onProgress?: (loaded: number) => void;
  provider: ProviderKey;
  /** For messages, e.g. "Part 3". */
  what: string;
}

/** The answer to a successful {@link putBlob}. */
export interface PutBlobResponse {
  status: number;
  /** The `ETag` header, quotes kept (the clouds want it back verbatim on complete). */
  etag: string | undefined;
  body: string;
  header(name: string): string | undefined;
}

/**
 * Sends a Blob with `XMLHttpRequest`, because `fetch` still cannot report upload progress: this is the
 * one place bytes leave the browser, so every provider gets byte-level progress, an idle timeout and an
 * abort that always settles. Non-2xx answers reject with a {@link cloudHttpError}; network failures and
 * timeouts reject with a retryable `network` error.
 */
export function putBlob(request: PutBlobRequest): Promise<PutBlobResponse> {
  const { signal } = request;
  if (signal?.aborted) return Promise.reject(abortedError());
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(idleTimer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const armIdleTimer = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        xhr.abort();
        finish(() =>
          reject(
            vodError('network', `${request.what} timed out: nothing moved for ${request.idleTimeoutMs} ms.`, {
              provider: request.provider,
            }),
          ),
        );
      }, request.idleTimeoutMs);
    };
    const onAbort = () => {
      xhr.abort();
      finish(() => reject(abortedError()));
    };

    xhr.open(request.method ?? 'PUT', request.url, true);
    for (const [name, value] of Object.entries(request.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      armIdleTimer();
      request.onProgress?.(event.loaded);
    });
    xhr.addEventListener('load', () => {
      const status = xhr.status;
      const body = typeof xhr.responseText === 'string' ? xhr.responseText : '';
      if (status >= 200 && status < 300) {
        request.onProgress?.(request.body.size);
        const header = (name: string) => xhr.getResponseHeader(name) ?? undefined;
        finish(() => resolve({ status, etag: header('ETag'), body, header }));
      } else {
        finish(() => reject(cloudHttpError(request.provider, status, body, request.what)));
      }
    });
    xhr.addEventListener('error', () =>
      finish(() =>
        reject(
          vodError('network', `${request.what} failed: the connection dropped.`, {
            provider: request.provider,
            cause: { status: 0 },
          }),
        ),
      ),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    armIdleTimer();
    xhr.send(request.body);
  });
}
