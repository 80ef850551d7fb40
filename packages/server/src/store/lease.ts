import { randomUUID } from 'node:crypto';
import type { SharedStore } from './shared-store.js';

export interface Lease {
  /** This holder's id, unique per `holdLease` call. */
  readonly holder: string;
  /** True while this holder still owns the lease (it renews itself every `ttlMs / 3`). */
  held(): boolean;
  /** Gives the lease up at once, so another instance can take it without waiting for expiry. */
  release(): Promise<void>;
}

export interface LeaseOptions {
  /** How long the lease outlives a holder that stopped renewing (a killed process). */
  ttlMs?: number;
  /** Called when a renewal finds the lease taken or the store unreachable. */
  onLost?: () => void;
}

/**
 * Tries once to take the lease `name` (e.g. the one Tencent event poller): resolves with a `Lease`
 * that renews itself, or undefined when another holder has it. A holder that dies stops renewing, so
 * the lease expires after `ttlMs` and another instance's next try takes it.
 */
export async function holdLease(
  store: SharedStore,
  name: string,
  options: LeaseOptions = {},
): Promise<Lease | undefined> {
  const ttlMs = options.ttlMs ?? 15_000;
  const key = `vod-uploader:lease:${name}`;
  const holder = randomUUID();
  if (!(await store.setIfAbsent(key, holder, ttlMs))) return undefined;
  let held = true;
  const lose = (): void => {
    if (!held) return;
    held = false;
    clearInterval(timer);
    options.onLost?.();
  };
  const timer = setInterval(() => {
    store.extendIfEqual(key, holder, ttlMs).then(
      (ok) => {
        if (!ok) lose();
      },
      () => lose(),
    );
  }, ttlMs / 3);
  timer.unref?.();
  return {
    holder,
    held: () => held,
    release: async () => {
      if (!held) return;
      held = false;
      clearInterval(timer);
      await store.deleteIfEqual(key, holder);
    },
  };
}
