import { randomBytes } from 'node:crypto';

/** One event of Tencent VOD's notification queue, in the cloud's `EventContent` shape. */
export type TencentEvent = { EventType: string } & Record<string, unknown>;

interface Queued {
  event: TencentEvent;
  createdAt: number;
  /** When the current delivery's confirmation window ends (0: not delivered yet). */
  visibleAt: number;
  handle?: string;
}

/** Options of {@link TencentEventQueue}. */
export interface TencentEventQueueOptions {
  /** The sandbox clock (epoch ms). */
  now: () => number;
  /** How long a delivered, unconfirmed event stays invisible, ms (PullEvents: 30 s). */
  redeliverAfterMs: number;
}

/** Most events one PullEvents call returns. */
export const PULL_EVENTS_MAX = 16;
/** How long PullEvents holds a call while nothing is there, ms. */
export const PULL_EVENTS_WAIT_MS = 5000;
/** How long an event waits to be pulled before it may be cleared: four days. */
export const EVENT_RETENTION_MS = 4 * 24 * 3600 * 1000;

/**
 * Tencent VOD's "reliable callback" queue: `pull` long-polls (up to 5 s) for at most 16 events, each
 * with a fresh `EventHandle`; `confirm` removes events by the handle of their latest delivery within
 * its window; an event not confirmed within `redeliverAfterMs` is delivered again (with a new handle,
 * the old one stops working); events older than four days are cleared. One queue holds one VOD
 * application's events (`SandboxEvents.tencentQueueOf`). In memory: a restart empties it.
 * @see https://www.tencentcloud.com/document/api/266/34183 (PullEvents)
 * @see https://www.tencentcloud.com/document/api/266/34184 (ConfirmEvents)
 */
export class TencentEventQueue {
  private readonly events: Queued[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: TencentEventQueueOptions) {}

  publish(event: TencentEvent): void {
    this.events.push({ event, createdAt: this.options.now(), visibleAt: 0 });
    for (const wake of [...this.waiters]) wake();
  }

  /** Events waiting (delivered or not) — for tests. */
  get size(): number {
    this.expire();
    return this.events.length;
  }

  /**
   * Up to 16 visible events, each as `{ EventHandle, ...event }`; waits up to `waitMs` for one
   * (or until `signal` aborts: the client went away) and resolves with none after that.
   */
  async pull(waitMs = PULL_EVENTS_WAIT_MS, signal?: AbortSignal): Promise<TencentEvent[]> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const taken = this.take();
      if (taken.length > 0 || signal?.aborted) return taken;
      const left = deadline - Date.now();
      if (left <= 0) return [];
      // Wake on a publish, at the next redelivery, at the deadline, or when the client leaves.
      const nextVisible = this.nextVisibleIn();
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, nextVisible ?? left));
        this.waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  }

  /**
   * Removes the events of these handles, all or none: false (and nothing removed) when any handle is
   * not the latest delivery of a waiting event or its confirmation window (`redeliverAfterMs`) has
   * ended — unknown, already confirmed, superseded by a redelivery, or late. ConfirmEvents then
   * answers a parameter error, as VOD documents for a wait past 30 s.
   * @see https://www.tencentcloud.com/document/api/266/34184
   */
  confirm(handles: readonly string[]): boolean {
    const now = this.options.now();
    const given = new Set(handles);
    const confirmed = this.events.filter(
      (queued) => queued.handle !== undefined && given.has(queued.handle) && queued.visibleAt > now,
    );
    if (confirmed.length !== given.size) return false;
    for (const queued of confirmed) this.events.splice(this.events.indexOf(queued), 1);
    return true;
  }

  private take(): TencentEvent[] {
    this.expire();
    const now = this.options.now();
    const out: TencentEvent[] = [];
    for (const queued of this.events) {
      if (out.length >= PULL_EVENTS_MAX) break;
      if (queued.visibleAt > now) continue;
      queued.handle = randomBytes(16).toString('hex');
      queued.visibleAt = now + this.options.redeliverAfterMs;
      out.push({ EventHandle: queued.handle, ...queued.event });
    }
    return out;
  }

  private nextVisibleIn(): number | undefined {
    const now = this.options.now();
    let next: number | undefined;
    for (const queued of this.events) {
      const wait = queued.visibleAt - now;
      if (wait > 0 && (next === undefined || wait < next)) next = wait;
    }
    return next;
  }

  private expire(): void {
    const horizon = this.options.now() - EVENT_RETENTION_MS;
    for (let i = this.events.length - 1; i >= 0; i -= 1) {
      if ((this.events[i]?.createdAt ?? 0) < horizon) this.events.splice(i, 1);
    }
  }
}
