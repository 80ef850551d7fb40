/** A `useSyncExternalStore` subscribe function. */
export type SubscribeFn = (listener: () => void) => () => void;

/**
 * How often a view hears of changes at most: 10 renders a second keep a progress bar smooth,
 * while 100 files each reporting progress (and each report an Uppy state change) would otherwise
 * render the whole uploader hundreds of times a second.
 */
export const RENDER_INTERVAL_MS = 100;

/** A throttled call: `call()` as often as changes come, `cancel()` drops a pending trailing call. */
export interface Throttled {
  call(): void;
  cancel(): void;
}

/**
 * Runs `fn` at most once per `intervalMs`: the first call at once (a click answers immediately),
 * the ones in a burst after it as one trailing run, so the last change is always seen.
 */
export function throttled(fn: () => void, intervalMs = RENDER_INTERVAL_MS): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = Date.now();
    fn();
  };
  return {
    call: () => {
      if (timer) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * Wraps `subscribe` so a listener is called at most once per `intervalMs` ({@link throttled}).
 * `useSyncExternalStore` reads the snapshot when called, so nothing is lost, only coalesced.
 */
export function throttledSubscribe(subscribe: SubscribeFn, intervalMs = RENDER_INTERVAL_MS): SubscribeFn {
  return (listener) => {
    const heard = throttled(listener, intervalMs);
    const unsubscribe = subscribe(heard.call);
    return () => {
      heard.cancel();
      unsubscribe();
    };
  };
}
