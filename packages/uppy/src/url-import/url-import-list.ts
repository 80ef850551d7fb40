import { isVodUploadError, type VodUploadError, type VodUploadResult, vodError } from '@vod-uploader/core';
import { UrlImporter, type UrlImportPhase } from './url-importer.js';
import type { UrlImporterOptions } from './url-importer-options.js';

/** What the user asked to import: one link, with an optional name and cover link. */
export interface UrlImportInput {
  /** The http(s) link of the media. */
  url: string;
  /** The media's name in the cloud (default: the file name in the link). */
  name?: string;
  /** An http(s) link to a cover image. */
  coverUrl?: string;
  /**
   * The media's extension (`mp4`) for a link that does not end with one: neither cloud can tell the
   * type of such a link, so the user states it. Unset, the endpoint takes it from the link's path.
   */
  mediaType?: string;
}

/** One import of a {@link UrlImportList}, as drawn: immutable, replaced on every change. */
export interface UrlImportItem extends UrlImportInput {
  /** Local id of this import (not the cloud's). */
  id: string;
  state: UrlImportPhase | 'succeeded' | 'failed';
  /** 1, then 2, 3… after each Retry. */
  attempt: number;
  /** The cloud's task (Tencent) or job (Alibaba) id, once known. */
  taskId?: string;
  /** Set once `state` is `succeeded`. */
  result?: VodUploadResult;
  /** Set once `state` is `failed`. */
  error?: VodUploadError;
}

/** Options of {@link UrlImportList}: the importer's, plus what to tell the app. */
export interface UrlImportListOptions extends UrlImporterOptions {
  /** Called once per import that ends with a media in the cloud (the same result shape as a file upload). */
  onImported?: (result: VodUploadResult, item: UrlImportItem) => void;
  /** Called once per failed try. */
  onError?: (error: VodUploadError, item: UrlImportItem) => void;
}

/**
 * The imports of one panel, framework-free: add links, retry failed ones, and read the list through
 * `subscribe`/`getSnapshot` (the shape `useSyncExternalStore` takes). The same link and name added
 * while it is still running or already done is ignored, so a double submit makes one import; added
 * again after it failed, it is retried. `stopAll()` stops every poll (e.g. on unmount).
 * @example
 * const list = new UrlImportList({ provider: 'aliyun', endpoint: '/api/vod', onImported: (r) => save(r.id) });
 * list.add([{ url: 'https://example.com/a.mp4' }]);
 */
export class UrlImportList {
  private items: readonly UrlImportItem[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly running = new Map<string, AbortController>();
  private readonly importer: UrlImporter;
  private nextId = 1;

  constructor(private readonly options: UrlImportListOptions) {
    this.importer = new UrlImporter(options);
  }

  /** Starts importing each input; returns the ids of the items it concerns (new or already there). */
  add(inputs: readonly UrlImportInput[]): string[] {
    const ids: string[] = [];
    for (const input of inputs) {
      const same = this.items.find((item) => keyOf(item) === keyOf(input));
      if (same) {
        if (same.state === 'failed') this.retry(same.id);
        ids.push(same.id);
        continue;
      }
      const item: UrlImportItem = {
        ...clean(input),
        id: `import-${this.nextId++}`,
        state: 'submitting',
        attempt: 1,
      };
      this.items = [...this.items, item];
      ids.push(item.id);
      this.run(item);
    }
    this.emit();
    return ids;
  }

  /** Tries a failed import again, as a new cloud task. */
  retry(id: string): void {
    const item = this.items.find((candidate) => candidate.id === id);
    if (item?.state !== 'failed') return;
    const { error: _error, ...rest } = item;
    const next: UrlImportItem = { ...rest, state: 'submitting', attempt: item.attempt + 1 };
    this.replace(next);
    this.run(next);
  }

  /** Forgets an import, and stops following it (the cloud's task itself cannot be cancelled). */
  remove(id: string): void {
    this.running.get(id)?.abort();
    this.running.delete(id);
    this.items = this.items.filter((item) => item.id !== id);
    this.emit();
  }

  /**
   * Stops following every running import (e.g. on unmount); no callback fires for them afterwards.
   * The list stays usable: React's StrictMode unmounts and mounts again with the same list.
   */
  stopAll(): void {
    for (const controller of this.running.values()) controller.abort();
    this.running.clear();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current list; the same array until something changes. */
  getSnapshot = (): readonly UrlImportItem[] => this.items;

  private run(item: UrlImportItem): void {
    const controller = new AbortController();
    this.running.set(item.id, controller);
    const request = {
      mediaUrl: item.url,
      ...(item.name ? { mediaName: item.name } : {}),
      ...(item.coverUrl ? { coverUrl: item.coverUrl } : {}),
      ...(item.mediaType ? { mediaType: item.mediaType } : {}),
    };
    const update = (patch: Partial<UrlImportItem>): UrlImportItem | undefined => {
      // Removed, stopped, or superseded by a retry: this run no longer speaks for the item.
      if (controller.signal.aborted || this.running.get(item.id) !== controller) return undefined;
      const current = this.items.find((candidate) => candidate.id === item.id);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      this.replace(next);
      return next;
    };
    this.importer
      .import(request, {
        signal: controller.signal,
        attempt: item.attempt,
        onPhase: (state, taskId) => update(taskId ? { state, taskId } : { state }),
      })
      .then(
        (result) => {
          const done = update({ state: 'succeeded', result });
          if (done) this.options.onImported?.(result, done);
        },
        (cause: unknown) => {
          const error = isVodUploadError(cause)
            ? cause
            : vodError('internal', String(cause), { provider: this.importer.provider, cause });
          const failed = update({ state: 'failed', error });
          if (failed) this.options.onError?.(error, failed);
        },
      )
      .finally(() => {
        if (this.running.get(item.id) === controller) this.running.delete(item.id);
      });
  }

  private replace(next: UrlImportItem): void {
    this.items = this.items.map((item) => (item.id === next.id ? next : item));
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Trimmed input without empty optional fields. */
function clean(input: UrlImportInput): UrlImportInput {
  const name = input.name?.trim();
  const coverUrl = input.coverUrl?.trim();
  const mediaType = input.mediaType?.trim().replace(/^\./, '').toLowerCase();
  return {
    url: input.url.trim(),
    ...(name ? { name } : {}),
    ...(coverUrl ? { coverUrl } : {}),
    ...(mediaType ? { mediaType } : {}),
  };
}

/** Same link (as the browser normalizes it) and same name: the same import. */
function keyOf(input: UrlImportInput): string {
  const url = input.url.trim();
  let normalized = url;
  try {
    normalized = new URL(url).href;
  } catch {
    // Not a URL: the endpoint refuses it with a message; compare it as typed.
  }
  return `${normalized}\n${input.name?.trim() ?? ''}`;
}
