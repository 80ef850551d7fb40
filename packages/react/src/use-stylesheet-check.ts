import { type RefObject, useEffect } from 'react';

let checked = false;

/**
 * Warns once per page when `@vod-uploader/react/styles.css` is not loaded (a second after the first
 * mount, for CSS that arrives late): without it the Dashboard is bare lists and buttons, which looks
 * like a broken component rather than a missing import. The stylesheet sets the property read here.
 */
export function useStylesheetCheck(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (checked) return;
    checked = true;
    setTimeout(() => {
      const element = root.current;
      if (element?.isConnected && !getComputedStyle(element).getPropertyValue('--vod-uploader-styles'))
        console.warn('@vod-uploader/react: styles.css is not loaded (see its README)');
    }, 1000);
  }, [root]);
}
