import { RENDER_INTERVAL_MS, throttled } from './throttled-subscribe.js';
import type { VodUppy } from './vod-uppy.js';

/** What is patched: a UI plugin's `update(state)`, which Uppy calls on every state change. */
interface Updatable {
  type: string;
  update: (state: unknown) => void;
}

/**
 * Makes the Dashboard (Uppy's `orchestrator` plugins: inline or modal) redraw at most once per
 * `intervalMs` instead of once per task that changed Uppy's state. Uppy coalesces only the changes of
 * one task (a microtask debounce), so 100 files uploading redraw the whole 100-item list on every
 * progress report, start, success and meta write of any of them: that, not the uploads, is where the
 * UI's extra time went. The first change after a quiet moment still draws at once (a click answers
 * immediately); a burst becomes one trailing draw of the state as it is then, so nothing is lost.
 * Returns the function that restores the plugins' own `update`.
 */
export function throttleDashboardRenders(uppy: VodUppy, intervalMs = RENDER_INTERVAL_MS): () => void {
  const restores: Array<() => void> = [];
  uppy.iteratePlugins((found) => {
    const plugin = found as unknown as Updatable;
    if (plugin.type !== 'orchestrator' || typeof plugin.update !== 'function') return;
    const own = plugin.update;
    const draw = throttled(() => own.call(plugin, uppy.getState()), intervalMs);
    plugin.update = () => draw.call();
    restores.push(() => {
      draw.cancel();
      plugin.update = own;
    });
  });
  return () => {
    for (const restore of restores) restore();
  };
}
