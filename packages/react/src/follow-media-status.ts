import type { MediaStatus, VodUploadError } from '@vod-uploader/core';
import {
  attachMediaStatus,
  resultOf,
  type VodReadyMedia,
  type VodUppy,
  type VodUppyFile,
} from '@vod-uploader/uppy';
import { headersOf } from './create-vod-uppy.js';
import { isWaitingForReady } from './is-waiting-for-ready.js';
import type { VodUploaderOptions } from './vod-uploader-options.js';

/**
 * `waitForReady` of `useVodUploader`, in its own chunk: follows each finished file with
 * `attachMediaStatus` (the endpoint and headers of the latest options) and calls `onReady` /
 * `onError`. Returns the function that stops it all (unmount).
 */
export function followMediaStatus(
  uppy: VodUppy,
  latest: { readonly current: VodUploaderOptions },
): () => void {
  const detach = attachMediaStatus(uppy, {
    endpoint: latest.current.endpoint,
    headers: () => headersOf(latest.current),
    enabled: () => isWaitingForReady(latest.current),
    poll: () => (typeof latest.current.waitForReady === 'object' ? latest.current.waitForReady : undefined),
    ...(typeof latest.current.pluginOptions?.fetch === 'function'
      ? { fetch: latest.current.pluginOptions.fetch }
      : {}),
  });
  const ready = (file: VodUppyFile | undefined, status: MediaStatus) => {
    const result = file && resultOf(file);
    if (status.state !== 'ready' || !result) return;
    const media: VodReadyMedia = { provider: result.provider, id: status.mediaId };
    if (status.playUrl) media.playUrl = status.playUrl;
    if (status.posterUrl) media.posterUrl = status.posterUrl;
    if (status.durationSeconds !== undefined) media.durationSeconds = status.durationSeconds;
    latest.current.onReady?.(media, file);
  };
  const failed = (file: VodUppyFile | undefined, error: VodUploadError) =>
    latest.current.onError?.(error, file);
  uppy.on('vod:media-status', ready);
  uppy.on('vod:media-error', failed);
  return () => {
    detach();
    uppy.off('vod:media-status', ready);
    uppy.off('vod:media-error', failed);
  };
}
