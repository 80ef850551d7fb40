import { vodError } from '@vod-uploader/core';

/**
 * What the upload engine needs from its surroundings: time, timers and connectivity. Injected so the
 * queue and retry logic run in unit tests without a DOM, and read lazily so importing the package
 * never touches `window` (SSR-safe).
 */
export interface UploadEnvironment {
  now(): number;
  /** Resolves after `ms`, rejects with an `aborted` error when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** False only when the browser knows it is offline. */
  isOnline(): boolean;
  /** Resolves when the browser is back online (at once when it is online). */
  waitOnline(signal?: AbortSignal): Promise<void>;
}

/** The browser's environment (or Node's, where `navigator.onLine` is missing and counts as online). */
export const browserEnvironment: UploadEnvironment = {
  now: () => Date.now(),
  sleep: abortableSleep,
  isOnline: () => globalThis.navigator?.onLine !== false,
  waitOnline(signal) {
    if (browserEnvironment.isOnline() || typeof globalThis.addEventListener !== 'function')
      return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        globalThis.removeEventListener('online', done);
        signal?.removeEventListener('abort', stop);
        resolve();
      };
      const stop = () => {
        globalThis.removeEventListener('online', done);
        reject(abortedError());
      };
      globalThis.addEventListener('online', done);
      signal?.addEventListener('abort', stop, { once: true });
    });
  },
};

/** `setTimeout` as a promise that an `AbortSignal` can cut short. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError());
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** The error every cancelled operation rejects with (code `aborted`, never retried). */
export function abortedError(): Error {
  return vodError('aborted', 'The upload was paused or cancelled.', { retryable: false });
}

/** Throws the `aborted` error when `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}
