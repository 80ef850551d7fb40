import { vodError } from '@vod-uploader/core';
import { limitConcurrency } from '../shared/limit-concurrency.js';
import { markForPeople } from './describe-error.js';
import { readVideoPreview } from './read-video-preview.js';
import { formatDuration, type VodMessages } from './vod-messages.js';
import type { VodUppy, VodUppyFile } from './vod-uppy.js';

/** Options of {@link attachVideoPreviews}; getters, so a component can change them between renders. */
export interface VideoPreviewOptions {
  /** Longest video allowed, in seconds; longer ones are removed with a message naming both lengths. */
  maxDuration: () => number | undefined;
  messages: () => VodMessages;
}

/** Videos read at once: each holds a decoder; 100 dropped files must not start 100. */
const PREVIEWS_IN_FLIGHT = 2;
/** How long an upload waits for posters being read when no `maxDuration` needs the video's length. */
const PREVIEW_WAIT_MS = 1000;
/**
 * Above this many files, a poster not yet started waits until no file is uploading: each costs a
 * video decoder and 20–30 ms of the main thread (a real 6 s MP4 here), which beside 100 uploads is
 * what made the whole UI 1.7–1.9× slower than the engine alone (bench/NOTES.md, issue #20). A few
 * files get their posters at once; a large batch gets them after its uploads.
 */
export const EAGER_PREVIEW_FILES = 10;

/**
 * Gives every added video a poster frame (as Uppy's file `preview`, which the Dashboard shows as the
 * thumbnail) and `meta.duration`/`width`/`height`, and enforces `maxDuration`. Reading starts after the
 * file is added, when the browser is idle, two videos at a time. An upload that starts sooner
 * (autoProceed) waits for it in a preprocessor: for every file when `maxDuration` is set, so a too-long
 * video is never sent; otherwise only for the posters being read (one file chosen: its own), for
 * {@link PREVIEW_WAIT_MS} at most. With more than {@link EAGER_PREVIEW_FILES} files and no
 * `maxDuration`, uploads wait for no poster and the posters not yet started wait for the uploads.
 * Returns the function that detaches it all.
 */
export function attachVideoPreviews(uppy: VodUppy, options: VideoPreviewOptions): () => void {
  const pending = new Map<string, Promise<void>>();
  /** Files whose turn has come (their video is read as soon as the browser is idle). */
  const reading = new Set<string>();
  const posterUrls = new Map<string, string>();
  const limit = limitConcurrency(PREVIEWS_IN_FLIGHT);

  const apply = async (file: VodUppyFile, data: Blob) => {
    if (!uppy.getFile(file.id)) return; // removed while it waited for its turn
    const preview = await readVideoPreview(data);
    if (!uppy.getFile(file.id)) return;
    const max = options.maxDuration();
    if (max !== undefined && preview.duration !== undefined && preview.duration > max) {
      const message = options
        .messages()
        .tooLong(file.name ?? '', formatDuration(preview.duration), formatDuration(max));
      uppy.removeFile(file.id);
      uppy.info(message, 'error', 8000);
      uppy.emit(
        'restriction-failed',
        file,
        markForPeople(vodError('file_invalid', message, { field: 'duration' })),
      );
      return;
    }
    uppy.setFileMeta(file.id, { duration: preview.duration, width: preview.width, height: preview.height });
    if (preview.poster) {
      const url = URL.createObjectURL(preview.poster);
      posterUrls.set(file.id, url);
      uppy.setFileState(file.id, { preview: url });
    }
  };

  /** Whether a poster now would compete with a large batch's uploads (see EAGER_PREVIEW_FILES). */
  const yieldsToUploads = () => {
    if (options.maxDuration() !== undefined) return false; // the uploads wait for every length
    const files = uppy.getFiles();
    return (
      files.length > EAGER_PREVIEW_FILES &&
      files.some((f) => f.progress.uploadStarted && !f.progress.uploadComplete && !f.error)
    );
  };
  const untilUploadsEnd = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (yieldsToUploads()) return;
        uppy.off('state-update', check);
        resolve();
      };
      uppy.on('state-update', check);
      check();
    });

  const onAdded = (file: VodUppyFile) => {
    if (file.isRemote || !file.data || !file.type.startsWith('video/')) return;
    const data = file.data;
    const task = limit(async () => {
      // Not yet `reading`: an upload's preprocessor must not wait for a poster that waits for uploads.
      if (yieldsToUploads()) await untilUploadsEnd();
      reading.add(file.id);
      try {
        await whenIdle();
        await apply(file, data);
      } finally {
        reading.delete(file.id);
      }
    })
      // A video the browser cannot decode still uploads: the cloud may well transcode it.
      .catch(() => undefined)
      .finally(() => pending.delete(file.id));
    pending.set(file.id, task);
  };
  const onRemoved = (file: VodUppyFile) => {
    const url = posterUrls.get(file.id);
    if (url) URL.revokeObjectURL(url);
    posterUrls.delete(file.id);
  };
  const waitForPreviews = async (fileIDs: string[]) => {
    if (options.maxDuration() !== undefined) {
      await Promise.all(fileIDs.map((id) => pending.get(id)));
      return;
    }
    // Otherwise a poster is decoration: kept when it is ready in time, not worth a queue's wait, and
    // in a large batch not worth any wait (its posters come after its uploads, see yieldsToUploads).
    if (uppy.getFiles().length > EAGER_PREVIEW_FILES) return;
    const soon = fileIDs.filter((id) => reading.has(id)).map((id) => pending.get(id));
    await Promise.race([Promise.all(soon), new Promise((done) => setTimeout(done, PREVIEW_WAIT_MS))]);
  };

  uppy.on('file-added', onAdded);
  uppy.on('file-removed', onRemoved);
  uppy.addPreProcessor(waitForPreviews);
  return () => {
    uppy.off('file-added', onAdded);
    uppy.off('file-removed', onRemoved);
    uppy.removePreProcessor(waitForPreviews);
    // Detached (an unmount) before the files go: their posters are nobody's to free later.
    for (const url of posterUrls.values()) URL.revokeObjectURL(url);
  };
}

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 300 });
    else setTimeout(resolve, 0);
  });
}
