import { type RefObject, useEffect, useState } from 'react';

/** Where we draw inside the Dashboard's own DOM. */
export interface DashboardSlots {
  /** Its place for progress, where Uppy's own status bar would be. */
  status: HTMLElement | null;
  /** Each file's thumbnail frame, by file id (for the duration badge). */
  previews: ReadonlyMap<string, HTMLElement>;
}

const NONE: DashboardSlots = { status: null, previews: new Map() };

/**
 * The Dashboard's own place for progress (`.uppy-Dashboard-progressindicators`, where Uppy draws its
 * status bar), found inside `container` once the Dashboard has drawn it, so our status bar can be
 * portalled there: inside the Dashboard's frame in inline and modal mode alike. `null` until then
 * (and on the server); likewise each file's thumbnail frame. With `measureWidth`, the Dashboard's drawn width is kept in the container's
 * `--vod-dashboard-width`, so what we draw beside it (errors, notices) is never wider: Uppy's
 * stylesheet, not an option, decides that width (650 px on wide screens, the viewport below).
 */
export function useDashboardSlots(
  container: RefObject<HTMLElement | null>,
  measureWidth: boolean,
): DashboardSlots {
  const [slots, setSlots] = useState<DashboardSlots>(NONE);
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    let measured: Element | null = null;
    const sizes = new ResizeObserver(([entry]) => {
      if (entry) root.style.setProperty('--vod-dashboard-width', `${entry.borderBoxSize[0]?.inlineSize}px`);
    });
    const find = () => {
      const status = root.querySelector<HTMLElement>('.uppy-Dashboard-progressindicators');
      const previews = new Map<string, HTMLElement>();
      for (const item of root.querySelectorAll('.uppy-Dashboard-Item[id^="uppy_"]')) {
        const frame = item.querySelector<HTMLElement>('.uppy-Dashboard-Item-previewInnerWrap');
        if (frame) previews.set(item.id.slice('uppy_'.length), frame);
      }
      setSlots((current) =>
        current.status === status && sameEntries(current.previews, previews) ? current : { status, previews },
      );
      const inner = measureWidth ? root.querySelector('.uppy-Dashboard-inner') : null;
      if (inner !== measured) {
        if (measured) sizes.unobserve(measured);
        if (inner) sizes.observe(inner);
        measured = inner;
      }
    };
    find();
    const observer = new MutationObserver(find);
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      sizes.disconnect();
    };
  }, [container, measureWidth]);
  return slots;
}

function sameEntries<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
