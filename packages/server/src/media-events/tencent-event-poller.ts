import { createHash } from 'node:crypto';
import { compact } from '../cloud/compact.js';
import { holdLease, type Lease } from '../store/lease.js';
import { type MediaEventSourceOptions, mediaEventRuntime } from './media-event-runtime.js';
import { tencentMediaEvents } from './tencent-media-events.js';

/** Options of {@link startTencentEventPoller}. */
export interface TencentEventPollerOptions extends MediaEventSourceOptions {
  /** Stops the poller when aborted (as `stop()` does). */
  signal?: AbortSignal;
  /** Sees failed calls and handler errors (the poller goes on). Default: the config's `onError`. */
  onError?: (error: unknown) => void;
  /**
   * How long an instance that does not hold the lease waits before trying again, ms. Default 5000:
   * a dead holder's lease lapses after 15 s, so another instance takes over within ~20 s.
   */
  retryMs?: number;
}

/** A running poller. */
export interface TencentEventPoller {
  /** Stops after the current PullEvents (≤ 5 s) and its confirmations; gives up the lease. */
  stop(): Promise<void>;
  /** Settles when the poller has stopped. */
  readonly stopped: Promise<void>;
}

/**
 * The lease that makes one poller run among every instance sharing the store, one per account and
 * sub-application (`tencent-event-poller:<hash>`): each has its own event queue, and one poller
 * must not stand another one by.
 */
export const TENCENT_POLLER_LEASE = 'tencent-event-poller';

function pollerLeaseOf(secretId: string, subAppId: number | undefined): string {
  const queue = createHash('sha256')
    .update(`${secretId}\n${subAppId ?? ''}`)
    .digest('hex');
  return `${TENCENT_POLLER_LEASE}:${queue.slice(0, 16)}`;
}

/**
 * Runs Tencent VOD's reliable event notification: PullEvents (a long poll of up to 5 s, ≤ 16
 * events), each event normalised and handed to `onMediaEvent` once, then ConfirmEvents for the
 * events whose handler succeeded — an event whose handler threw is left unconfirmed, so the cloud
 * delivers it again after 30 s. Runs under a lease (`TENCENT_POLLER_LEASE`, per account and
 * sub-application): with a shared store, one instance polls each queue and the others stand by.
 * @example
 * const poller = startTencentEventPoller({ config, store, onMediaEvent: (e) => jobs.push(e) });
 * process.on('SIGTERM', () => poller.stop());
 * @see https://www.tencentcloud.com/document/api/266/34183 (PullEvents)
 */
export function startTencentEventPoller(options: TencentEventPollerOptions): TencentEventPoller {
  const runtime = mediaEventRuntime(options);
  const tencent = runtime.provider('tencent', 'poller');
  const onError = options.onError ?? ((error: unknown) => runtime.resolved.onError(error, undefined));
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  const { cloud } = tencent;
  const subAppId = tencent.config.subAppId;
  const reader = { cloud, subAppId, seal: runtime.services.callerSeal, policy: runtime.services.policy };
  const signal = controller.signal;

  async function loop(): Promise<void> {
    let lease: Lease | undefined;
    let failures = 0;
    while (!signal.aborted) {
      if (!lease?.held()) {
        lease = await holdLease(runtime.store, pollerLeaseOf(tencent.config.secretId, subAppId)).catch(
          (error: unknown) => {
            onError(error);
            return undefined;
          },
        );
        if (!lease) {
          await sleep(options.retryMs ?? 5000, signal);
          continue;
        }
      }
      let events: unknown[];
      try {
        const pulled = await cloud.call('PullEvents', compact({ SubAppId: subAppId }));
        events = Array.isArray(pulled.EventSet) ? pulled.EventSet : [];
        failures = 0;
      } catch (error) {
        onError(error);
        failures += 1;
        await sleep(Math.min(30_000, 500 * 2 ** failures), signal);
        continue;
      }
      const handled: string[] = [];
      for (const content of events) {
        const record = (content ?? {}) as Record<string, unknown>;
        try {
          for (const draft of await tencentMediaEvents(record, reader))
            await runtime.deliver(draft, 'tencent-pull');
          if (typeof record.EventHandle === 'string') handled.push(record.EventHandle);
        } catch (error) {
          onError(error);
        }
      }
      if (handled.length > 0) {
        await cloud
          .call('ConfirmEvents', compact({ EventHandles: handled, SubAppId: subAppId }))
          .catch(onError);
      }
    }
    await lease?.release().catch(onError);
  }

  const stopped = loop();
  return {
    stop: async () => {
      stop();
      await stopped;
    },
    stopped,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
