import { randomUUID } from 'node:crypto';
import { vodError } from '@vod-uploader/core';
import type { SharedStore } from './shared-store.js';
import { storeUnavailable } from './store-unavailable.js';

/** Options of `OnceAcrossInstances`. */
export interface OnceAcrossInstancesOptions {
  /** How long a finished run's outcome is remembered (and handed to repeats). */
  ttlMs: number;
  /**
   * How long a claim outlives a runner that stopped renewing it (a killed process); renewed every
   * third of it while the work runs. Default 15,000: longer than one cloud call's default timeout
   * would be wasted waiting, shorter would let a slow but live runner lose its claim.
   */
  claimTtlMs?: number;
  /**
   * How long a repeat waits for another instance's run to finish before it is refused with a
   * retryable `store_unavailable`. Default 5,000, so no request hangs on a stuck runner.
   */
  waitMs?: number;
  /** How often a waiting repeat looks again. Default 50 ms. */
  pollMs?: number;
  /** Sees a failure to record a finished run (the run's answer is still returned). */
  onError?: (error: unknown) => void;
  /**
   * When the store cannot be reached: `refuse` (default) runs nothing (`store_unavailable`), for work
   * that must not happen twice; `run` does the work unguarded, for work whose repeat costs less
   * than refusing it.
   */
  whenStoreDown?: 'refuse' | 'run';
}

/** How long a URL import's answer is handed to repeats of it (same caller, link, name, attempt). */
export const IMPORT_WINDOW_MS = 10 * 60 * 1000;

/** How long a session's create is handed to repeats of its request (same caller, body and requestId). */
export const CREATE_WINDOW_MS = 10 * 60 * 1000;

/** How long a commit's answer is handed to repeats of it (same session): a resumed upload's too. */
export const COMMIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The store a handler's once-only steps share, and where a failure to record one goes. */
export interface SharedOnce {
  store: SharedStore;
  onError?: (error: unknown) => void;
}

const DONE = 'done:';
const CLAIM = 'claim:';

/**
 * Runs a piece of work at most once per id across every instance sharing `store` — the once-only
 * `onUploaded` per media, one URL import per dedup id — and hands its outcome to repeats for
 * `ttlMs`. One key per id (`vod-uploader:<purpose>:<id>`) holds either a claim (`SET NX`, renewed
 * while the work runs) or the JSON outcome. A failed run gives its claim back, so a retry runs it
 * again; a repeat that finds a live claim waits for the outcome, briefly. When the store cannot be
 * reached the work is not run at all (`store_unavailable`, retryable): unsure beats twice.
 *
 * Left open: a runner killed after its work but before it recorded the outcome, or a store
 * restarted without persistence, forgets the run, and a repeat after that runs it again.
 */
export class OnceAcrossInstances<T> {
  private readonly local = new Map<string, Promise<T>>();
  private readonly claimTtlMs: number;
  private readonly waitMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly store: SharedStore,
    private readonly purpose: string,
    private readonly options: OnceAcrossInstancesOptions,
  ) {
    this.claimTtlMs = options.claimTtlMs ?? 15_000;
    this.waitMs = options.waitMs ?? 5_000;
    this.pollMs = options.pollMs ?? 50;
  }

  /** Runs `work` for `id` unless some instance ran it within `ttlMs`; resolves with its outcome. */
  run(id: string, work: () => T | Promise<T>): Promise<T> {
    // Repeats in this process share the running promise instead of polling the store, within the
    // same wait as a repeat on another instance.
    const running = this.local.get(id);
    if (running) return this.within(running);
    const settled = this.settle(`vod-uploader:${this.purpose}:${id}`, work).finally(() =>
      this.local.delete(id),
    );
    this.local.set(id, settled);
    return settled;
  }

  private async settle(key: string, work: () => T | Promise<T>): Promise<T> {
    const claim = `${CLAIM}${randomUUID()}`;
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      let claimed: boolean;
      let current: string | undefined;
      try {
        claimed = await this.ask(() => this.store.setIfAbsent(key, claim, this.claimTtlMs));
        current = claimed ? undefined : await this.ask(() => this.store.get(key));
      } catch (error) {
        if (this.options.whenStoreDown === 'run') return work();
        throw error;
      }
      if (claimed) break;
      if (current?.startsWith(DONE)) return decode<T>(current.slice(DONE.length));
      // Gone between the two calls: its runner failed (and gave the claim back) or expired.
      if (current === undefined) continue;
      // A mark in neither form (an older release's "delivered", `1`) is done, with no outcome kept.
      if (!current.startsWith(CLAIM)) return undefined as T;
      if (Date.now() >= deadline) throw stillRunning();
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
    const renew = setInterval(() => {
      this.store.extendIfEqual(key, claim, this.claimTtlMs).catch(() => {});
    }, this.claimTtlMs / 3);
    renew.unref?.();
    let outcome: T;
    try {
      outcome = await work();
    } catch (error) {
      clearInterval(renew);
      await this.store.deleteIfEqual(key, claim).catch(() => {});
      throw error;
    }
    clearInterval(renew);
    try {
      await this.store.set(key, `${DONE}${encode(outcome)}`, this.options.ttlMs);
    } catch (error) {
      // The work happened: answer it. The claim stays until it expires, which holds repeats off.
      this.options.onError?.(error);
    }
    return outcome;
  }

  /** `running`, or the retryable refusal of a repeat once it has waited `waitMs` for it. */
  private within(running: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(stillRunning()), this.waitMs);
    });
    return Promise.race([running, waited]).finally(() => clearTimeout(timer));
  }

  private async ask<R>(call: () => Promise<R>): Promise<R> {
    try {
      return await call();
    } catch (error) {
      throw storeUnavailable(error);
    }
  }
}

const refusedWaits = new WeakSet<object>();

function stillRunning(): Error {
  const error = vodError('store_unavailable', 'Another instance is still on this step; try again shortly', {
    retryable: true,
  });
  refusedWaits.add(error);
  return error;
}

/** Whether `error` refused a repeat that waited too long for a run still going (not the run's own failure). */
export function isStillRunning(error: unknown): boolean {
  return typeof error === 'object' && error !== null && refusedWaits.has(error);
}

function encode(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function decode<T>(text: string): T {
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
