/** A `useSyncExternalStore` subscribe function. */
export type SubscribeFn = (listener: () => void) => () => void;

/**
 * How often a React tree hears of changes at most: 10 renders a second keep a progress bar smooth,
 * while 100 files each reporting progress (and each report an Uppy state change) would otherwise
 * render the whole uploader hundreds of times a second.
 */
export const RENDER_INTERVAL_MS = 100;

/**
 * Wraps `subscribe` so a listener is called at most once per `intervalMs`: the first change at once
 * (a click answers immediately), the ones in a burst after it as one trailing call, so the last state
 * is always rendered. `useSyncExternalStore` reads the snapshot when called, so nothing is lost, only
 * coalesced.
 */
export function throttledSubscribe(subscribe: SubscribeFn, intervalMs = RENDER_INTERVAL_MS): SubscribeFn {
  return (listener) => {
    let last = Number.NEGATIVE_INFINITY;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = () => {
      timer = undefined;
      last = Date.now();
      listener();
    };
    const unsubscribe = subscribe(() => {
      if (timer) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  };
}
