import type { SharedStore } from '../store/shared-store.js';
import type { MediaEvent, OnMediaEventFn } from './media-event.js';
import { rememberOwner } from './media-owners.js';

/**
 * How long a delivered event's key is kept: five days, beyond the four days Tencent keeps an
 * unconfirmed event and any callback retry.
 */
export const DELIVERED_TTL_MS = 5 * 24 * 3600 * 1000;

/**
 * Hands `event` to the app unless an event with its id was already handed (by this or another
 * instance sharing `store`): the key is taken first (`setIfAbsent`), and given back when the
 * handler throws, so the cloud's redelivery reaches the app again. Resolves true when delivered
 * now, false for a duplicate; rejects with the handler's error.
 */
export async function deliverOnce(
  store: SharedStore,
  event: MediaEvent,
  handler: OnMediaEventFn,
): Promise<boolean> {
  const key = `vod-uploader:media-event:${event.id}`;
  if (!(await store.setIfAbsent(key, '1', DELIVERED_TTL_MS))) return false;
  try {
    await handler(event);
  } catch (error) {
    await store.delete(key).catch(() => undefined);
    throw error;
  }
  if (event.callerId) await rememberOwner(store, event.provider, event.mediaId, event.callerId);
  return true;
}
