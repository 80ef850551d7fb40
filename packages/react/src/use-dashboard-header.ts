import { type RefObject, useEffect } from 'react';

/** Uppy's own title of each header we rewrote, to give back. */
const ownTitles = new WeakMap<Text, string>();

/**
 * Makes the Dashboard's header tell a failure: `@uppy/dashboard` 6 never passes `isAllErrored` to its
 * top bar, so after every file failed it still reads "Uploading 1 file" beside a Cancel that cancels
 * nothing. While `failed`, the title reads `failedTitle` and that Cancel is hidden (each failed file
 * keeps its own remove button); once not, Uppy's own title comes back. The text node Uppy's Preact
 * owns is edited in place, never replaced, so Uppy keeps updating it.
 */
export function useDashboardHeader(
  container: RefObject<HTMLElement | null>,
  failed: boolean,
  failedTitle: string,
): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const repair = () => {
      for (const title of root.querySelectorAll('.uppy-DashboardContent-title')) {
        const text = [...title.childNodes].find((n): n is Text => n.nodeType === Node.TEXT_NODE);
        if (!text) continue;
        if (failed && text.data !== failedTitle) {
          ownTitles.set(text, text.data);
          text.data = failedTitle;
        } else if (!failed && ownTitles.has(text)) {
          text.data = ownTitles.get(text) ?? text.data;
          ownTitles.delete(text);
        }
      }
      for (const back of root.querySelectorAll<HTMLElement>('.uppy-DashboardContent-back')) {
        if (back.hidden !== failed) back.hidden = failed;
      }
    };
    repair();
    const observer = new MutationObserver(repair);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      if (failed) {
        // Hand the header back as Uppy drew it.
        for (const back of root.querySelectorAll<HTMLElement>('.uppy-DashboardContent-back'))
          back.hidden = false;
      }
    };
  }, [container, failed, failedTitle]);
}
