import { isStillRunning, OnceAcrossInstances } from '../store/once-across-instances.js';
import type { SharedStore } from '../store/shared-store.js';
import type { MediaEvent, OnMediaEventFn } from './media-event.js';
import { rememberOwner } from './media-owners.js';

/**
 * How long a delivered event's key is kept: five days, beyond the four days Tencent keeps an
 * unconfirmed event and any callback retry.
 */
export const DELIVERED_TTL_MS = 5 * 24 * 3600 * 1000;

/** One per store: the runs in flight in this process are shared through it. */
const deliveries = new WeakMap<SharedStore, OnceAcrossInstances<true>>();

/**
 * Hands `event` to the app unless an event with its id was already handed (by this or another
 * instance sharing `store`). The id is claimed while the handler runs and marked delivered only
 * once it returns: a repeat that finds it in flight, in this process or on another, waits for it
 * (and is refused, retryable, when that takes too long), so a poller never confirms an event that
 * is not delivered yet; a handler that throws, or a process killed in it, gives the claim back, so
 * the cloud's redelivery reaches the app again. Resolves true when delivered now, false for a duplicate; rejects with the
 * handler's error or `store_unavailable`.
 */
export async function deliverOnce(
  store: SharedStore,
  event: MediaEvent,
  handler: OnMediaEventFn,
  /** Told when a delivered event could not be marked so (a redelivery would reach the app again). */
  onError?: (error: unknown) => void,
): Promise<boolean> {
  let once = deliveries.get(store);
  if (!once) {
    once = new OnceAcrossInstances<true>(store, 'media-event', {
      ttlMs: DELIVERED_TTL_MS,
      ...(onError ? { onError } : {}),
    });
    deliveries.set(store, once);
  }
  let deliveredNow = false;
  const work = async (): Promise<true> => {
    deliveredNow = true;
    await handler(event);
    return true;
  };
  try {
    await once.run(event.id, work);
  } catch (error) {
    if (deliveredNow || isStillRunning(error)) throw error;
    // A repeat in this process shared another delivery's run, which failed: like a repeat on
    // another instance, it delivers the event itself now (the claim was given back).
    await once.run(event.id, work);
  }
  // After the run is recorded: a store failing here must not hand the event to the app twice.
  if (deliveredNow && event.callerId) {
    await rememberOwner(store, event.provider, event.mediaId, event.callerId);
  }
  return deliveredNow;
}
