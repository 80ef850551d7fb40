import { type RefObject, useEffect } from 'react';

/**
 * Repairs two accessibility gaps of `@uppy/dashboard` 6 that axe-core reports as critical/serious:
 * with a single row of files the list container lacks `role="list"` (its items are `listitem`s),
 * and the modal's `role="dialog"` has no accessible name. Watches the container, since the
 * Dashboard re-renders its own DOM.
 */
export function useDashboardA11y(container: RefObject<HTMLElement | null>, dialogLabel: string): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const repair = () => {
      for (const list of root.querySelectorAll('.uppy-Dashboard-files:not([role])'))
        list.setAttribute('role', 'list');
      for (const dialog of root.querySelectorAll('.uppy-Dashboard-inner[role="dialog"]:not([aria-label])')) {
        dialog.setAttribute('aria-label', dialogLabel);
      }
    };
    repair();
    // Only childList: our own attribute changes must not wake the observer again.
    const observer = new MutationObserver(repair);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [container, dialogLabel]);
}
