/**
 * Runs a hook at most once per media id in this process, even when a commit is reported twice at
 * the same time. A failed hook is forgotten, so a retry runs it again. Remembers the last `limit`
 * ids only: the clouds themselves refuse a second commit of the same upload.
 */
export class OncePerMedia {
  private readonly done = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly limit = 10_000) {}

  async run(id: string, hook: () => void | Promise<void>): Promise<void> {
    if (this.done.has(id)) return;
    const pending = this.running.get(id);
    if (pending) return pending;
    const run = (async () => hook())();
    this.running.set(id, run);
    try {
      await run;
      this.done.add(id);
      if (this.done.size > this.limit) this.done.delete(this.done.values().next().value as string);
    } finally {
      this.running.delete(id);
    }
  }
}
