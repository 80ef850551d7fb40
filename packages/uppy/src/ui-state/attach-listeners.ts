import type { UppyEventMap } from '@uppy/core';
import type { VodBody, VodMeta, VodUppy } from './vod-uppy.js';

/** One listener for each of some Uppy events, our `vod:*` events included. */
export type VodUppyListeners = {
  [K in keyof UppyEventMap<VodMeta, VodBody>]?: UppyEventMap<VodMeta, VodBody>[K];
};

/**
 * Attaches each listener to `uppy` and returns the one call that detaches them all: what an
 * `attach*` helper or a React effect hands back. Uppy's `EventManager` does the same for Uppy's own
 * events only (its `on` is typed against them), not for the `vod:*` events we declare.
 *
 * @example
 * useEffect(() => attachListeners(uppy, { 'upload-error': failed, 'restriction-failed': failed }), [uppy]);
 */
export function attachListeners(uppy: VodUppy, listeners: VodUppyListeners): () => void {
  type Event = keyof VodUppyListeners;
  const attached = Object.entries(listeners) as Array<[Event, UppyEventMap<VodMeta, VodBody>[Event]]>;
  for (const [event, listener] of attached) uppy.on(event, listener);
  return () => {
    for (const [event, listener] of attached) uppy.off(event, listener);
  };
}
