import { afterEach, beforeEach } from 'vitest';

/**
 * Just enough of XMLHttpRequest for `putBlob` (the one place bytes leave the browser), for the
 * transfer unit tests: it keeps the URL and the request headers, answers an ETag of
 * `"etag-of-<url>"`, and leaves to each test's subclass when, and with what, `send` is answered.
 */
export abstract class FakeXhr {
  status = 0;
  responseText = '';
  readonly upload = new EventTarget();
  /** The URL `open` was given. */
  protected url = '';
  /** The headers set on this request, by name as set. */
  protected readonly headers: Record<string, string> = {};
  /** Whether `putBlob` gave up on the request (a subclass stops answering then, as a browser does). */
  protected aborted = false;
  private readonly events = new EventTarget();

  open(_method: string, url: string): void {
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  addEventListener(type: string, listener: EventListener): void {
    this.events.addEventListener(type, listener);
  }
  getResponseHeader(name: string): string | null {
    return name.toLowerCase() === 'etag' ? `"etag-of-${this.url}"` : null;
  }
  abort(): void {
    this.aborted = true;
  }
  abstract send(body: Blob): void;

  /** Ends the request as a browser does once the whole answer is in: status, body, then `load`. */
  protected answer(status: number, responseText = ''): void {
    this.status = status;
    this.responseText = responseText;
    this.events.dispatchEvent(new Event('load'));
  }
}

/** Puts `fake` in place of the global XMLHttpRequest for each test of the file, and the real one back after. */
export function useFakeXhr(fake: new () => FakeXhr): void {
  const original = globalThis.XMLHttpRequest;
  beforeEach(() => {
    globalThis.XMLHttpRequest = fake as unknown as typeof XMLHttpRequest;
  });
  afterEach(() => {
    globalThis.XMLHttpRequest = original;
  });
}
