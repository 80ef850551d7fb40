import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Collection = Record<string, unknown>;

/**
 * The sandbox's control-plane records (credentials, media, upload sessions, tasks, nonces) as one
 * JSON document on disk, rewritten atomically on every change so a restart loses nothing.
 * Records are small and few; the bytes live in `ObjectStore`.
 */
export class StateStore {
  private readonly file: string;
  private data: Record<string, Collection>;

  constructor(dir: string) {
    this.file = join(dir, 'state.json');
    try {
      this.data = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, Collection>;
    } catch {
      this.data = {};
    }
  }

  get<T>(collection: string, id: string): T | undefined {
    return this.data[collection]?.[id] as T | undefined;
  }

  put<T>(collection: string, id: string, value: T): T {
    this.data[collection] ??= {};
    this.data[collection][id] = value;
    this.flush();
    return value;
  }

  delete(collection: string, id: string): void {
    if (this.data[collection]?.[id] === undefined) return;
    delete this.data[collection][id];
    this.flush();
  }

  list<T>(collection: string): T[] {
    return Object.values(this.data[collection] ?? {}) as T[];
  }

  private flush(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data));
    renameSync(tmp, this.file);
  }
}
