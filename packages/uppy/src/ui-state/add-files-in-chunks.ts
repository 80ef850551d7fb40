import type { VodUppy } from './vod-uppy.js';

/** Files added per task: 10 keep one task (Uppy's `addFiles`, its state change, the list's render) well under 50 ms. */
export const ADD_FILES_CHUNK = 10;

/**
 * Makes `uppy.addFiles` (what the Dashboard's input, drop and paste call) add a large choice in
 * chunks of {@link ADD_FILES_CHUNK}, yielding to the browser between them: 100 files added in one go
 * are one 76–110 ms task during which the page cannot answer input. The first chunk is added at
 * once, so with `autoProceed` the first uploads start before the rest are in. Uppy reports a chunk's
 * refusals itself (`restriction-failed`, its informer), so a later chunk's error is not rethrown.
 * Returns a function restoring the instance's own `addFiles`.
 */
export function addFilesInChunks(uppy: VodUppy, chunk = ADD_FILES_CHUNK): () => void {
  const own = uppy.addFiles;
  const add = own.bind(uppy);
  let cancelled = false;
  uppy.addFiles = (files) => {
    if (files.length <= chunk) return add(files);
    add(files.slice(0, chunk));
    let rest = files.slice(chunk);
    const next = () => {
      if (cancelled) return;
      const part = rest.slice(0, chunk);
      rest = rest.slice(chunk);
      try {
        add(part);
      } catch {
        // Already reported by Uppy; the other chunks still go in.
      }
      if (rest.length) setTimeout(next, 0);
    };
    setTimeout(next, 0);
  };
  return () => {
    cancelled = true;
    uppy.addFiles = own;
  };
}
