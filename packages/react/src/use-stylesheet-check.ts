import { type RefObject, useEffect } from 'react';

/** Set by `.vod-uploader` and `.vod-field` in styles.css; nothing else defines it. */
const MARKER = '--vod-uploader-styles';
/** A stylesheet linked or injected after the first render (a lazy route's CSS) gets this long. */
const GRACE_MS = 1000;
let settled = false;

/**
 * Warns once per page when `@vod-uploader/react/styles.css` is not loaded: without it the Dashboard
 * renders as bare lists and buttons, which looks like a broken component rather than a missing import.
 */
export function useStylesheetCheck(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (settled) return;
    const timer = setTimeout(() => {
      const element = root.current;
      if (settled || !element?.isConnected) return;
      settled = true;
      if (getComputedStyle(element).getPropertyValue(MARKER).trim()) return;
      console.warn(
        "@vod-uploader/react: its stylesheet is not loaded, so the uploader shows unstyled. Import it once in your app: import '@vod-uploader/react/styles.css';",
      );
    }, GRACE_MS);
    return () => clearTimeout(timer);
  }, [root]);
}
