/**
 * Runs async sections one at a time per key, in the order they asked for it. The store holds one per
 * data directory and takes it around the few renames that commit an object, so "the key holds no
 * object" is still true when a conditional write replaces nothing: without it, two writes that both
 * checked before either committed would both succeed. It serialises sections within this process
 * only; one data directory is served by one sandbox process.
 */
export class KeyLock {
  /** The last section queued per key; a key leaves the map when its queue is empty. */
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, section: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    await previous;
    try {
      return await section();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
