import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How long changes gather before one write (ms): a burst of calls costs one rewrite, not one each. */
const FLUSH_DELAY_MS = 50;

/**
 * The sandbox's control-plane records (credentials, media, upload sessions, tasks, nonces) as one
 * JSON document on disk. Records are small and few; the bytes live in `ObjectStore`.
 *
 * Ids come from requests (an AccessKeyId, a VideoId…), so every collection is a `Map`: an id such as
 * `__proto__` or `constructor` is just a key that is not there, never a property of `Object.prototype`.
 * Changes are written off the request path: at most one rewrite (temporary file, then an atomic
 * rename) per `FLUSH_DELAY_MS`, and a last one on `close()`; a crash loses at most that window.
 */
export class StateStore {
  private readonly file: string;
  private readonly data = new Map<string, Map<string, unknown>>();
  private timer: NodeJS.Timeout | undefined;
  /** How many times the document was written (tests check that bursts are batched). */
  writes = 0;

  constructor(dir: string) {
    this.file = join(dir, 'state.json');
    let stored: unknown;
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      stored = {};
    }
    for (const [name, records] of Object.entries((stored ?? {}) as Record<string, unknown>)) {
      if (records && typeof records === 'object') this.data.set(name, new Map(Object.entries(records)));
    }
  }

  get<T>(collection: string, id: string): T | undefined {
    return this.data.get(collection)?.get(id) as T | undefined;
  }

  put<T>(collection: string, id: string, value: T): T {
    let records = this.data.get(collection);
    if (!records) {
      records = new Map();
      this.data.set(collection, records);
    }
    records.set(id, value);
    this.schedule();
    return value;
  }

  delete(collection: string, id: string): void {
    if (this.data.get(collection)?.delete(id)) this.schedule();
  }

  list<T>(collection: string): T[] {
    return [...(this.data.get(collection)?.values() ?? [])] as T[];
  }

  /** Writes pending changes now and stops the timer (the sandbox's `close()` calls it). */
  close(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flush();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, FLUSH_DELAY_MS);
    // A pending write never keeps a process alive; close() (or SIGINT in the CLI) writes it.
    this.timer.unref();
  }

  private flush(): void {
    const document: Record<string, Record<string, unknown>> = {};
    // Object.fromEntries defines own properties, so a `__proto__` id is stored as data too.
    for (const [name, records] of this.data) document[name] = Object.fromEntries(records);
    const tmp = `${this.file}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(document));
      renameSync(tmp, this.file);
      this.writes += 1;
    } catch {
      // A full disk: keep the records in memory and try again with the next change.
      rmSync(tmp, { force: true });
    }
  }
}
