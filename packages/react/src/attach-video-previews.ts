import { vodError } from '@vod-uploader/core';
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

/**
 * Gives every added video a poster frame (as Uppy's file `preview`, which the Dashboard shows as the
 * thumbnail) and `meta.duration`/`width`/`height`, and enforces `maxDuration`. Reading starts after the
 * file is added, when the browser is idle; an upload that starts sooner (autoProceed) waits for it in
 * a preprocessor, so a too-long video is never sent. Returns the function that detaches it all.
 */
export function attachVideoPreviews(uppy: VodUppy, options: VideoPreviewOptions): () => void {
  const pending = new Map<string, Promise<void>>();
  const posterUrls = new Map<string, string>();

  const apply = async (file: VodUppyFile, data: Blob) => {
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

  const onAdded = (file: VodUppyFile) => {
    if (file.isRemote || !file.data || !file.type.startsWith('video/')) return;
    const data = file.data;
    const task = whenIdle()
      .then(() => apply(file, data))
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
    await Promise.all(fileIDs.map((id) => pending.get(id)));
  };

  uppy.on('file-added', onAdded);
  uppy.on('file-removed', onRemoved);
  uppy.addPreProcessor(waitForPreviews);
  return () => {
    uppy.off('file-added', onAdded);
    uppy.off('file-removed', onRemoved);
    uppy.removePreProcessor(waitForPreviews);
  };
}

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 300 });
    else setTimeout(resolve, 0);
  });
}
