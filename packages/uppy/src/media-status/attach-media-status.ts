import type { ProviderKey, VodUploadError, VodUploadResult } from '@vod-uploader/core';
import { EndpointClient, type EndpointHeaders } from '../shared/endpoint-client.js';
import { browserEnvironment, type UploadEnvironment } from '../shared/environment.js';
import { attachListeners } from '../ui-state/attach-listeners.js';
import { readyMediaOf, type VodReadyMedia } from '../ui-state/processing-state.js';
import { toVodError } from '../ui-state/vod-uploader-store.js';
import type { VodUppy, VodUppyFile } from '../ui-state/vod-uppy.js';
import type { MediaStatusPollOptions } from './media-status-options.js';
import './media-status-events.js';

/** Options of {@link attachMediaStatus}; getters are read per finished file. */
export interface MediaStatusWatchOptions {
  /** Base URL of the credential endpoint, e.g. `/api/vod`. */
  endpoint: string;
  headers?: EndpointHeaders;
  /** Whether a file that just finished is followed (the component's `waitForReady`). Default yes. */
  enabled?: () => boolean;
  /** The polling schedule (first wait, growth, cap, deadline). */
  poll?: () => MediaStatusPollOptions | undefined;
  /** Time and timers; injected by tests. */
  environment?: UploadEnvironment;
  /** Used instead of the global `fetch`. */
  fetch?: typeof fetch;
  /** Told once per followed media the cloud can play. */
  onReady?: (media: VodReadyMedia, file: VodUppyFile) => void;
  /** Told when following a media ends without ready (as `vod:media-error`). */
  onError?: (error: VodUploadError, file: VodUppyFile) => void;
}

// Not needed until a followed file finishes: its own chunk, out of the page's first load.
const loadPoller = () => import('./poll-media-status.js');

/**
 * Follows every file that finishes uploading until its media can be played: reads the endpoint's
 * `POST /media/status` with the finish answer's `statusTicket` (see `pollMediaStatus`) and emits
 * `vod:media-status` (`processing` at once, then each read) and `vod:media-error` on Uppy, which
 * `VodUploaderStore` turns into each file's `processing` state. A file without a ticket (an endpoint
 * older than the route) is not followed. Removing the file, cancelling all, or the returned detach
 * function stops its polling.
 */
export function attachMediaStatus(uppy: VodUppy, options: MediaStatusWatchOptions): () => void {
  const running = new Map<string, AbortController>();
  const clients = new Map<ProviderKey, EndpointClient>();
  const env = options.environment ?? browserEnvironment;

  const clientFor = (provider: ProviderKey) => {
    let client = clients.get(provider);
    if (!client) {
      client = new EndpointClient({
        endpoint: options.endpoint,
        provider,
        env,
        // One try per read: the poll's own schedule is the retry, so a flaky link costs no burst.
        retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, idleTimeoutMs: 30_000 },
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      clients.set(provider, client);
    }
    return client;
  };

  const stop = (fileId: string) => {
    running.get(fileId)?.abort();
    running.delete(fileId);
  };

  // The typed result arrives just before `upload-success`; following starts at `upload-success`, when
  // every `vod:uploaded` listener (the store's among them) has seen it.
  const results = new Map<string, VodUploadResult>();
  const remember = (file: VodUppyFile | undefined, result: VodUploadResult) => {
    if (file) results.set(file.id, result);
  };
  const follow = (file: VodUppyFile | undefined) => {
    const result = file && results.get(file.id);
    if (file) results.delete(file.id);
    if (!file || !result?.statusTicket || options.enabled?.() === false) return;
    stop(file.id);
    const controller = new AbortController();
    running.set(file.id, controller);
    const current = () => uppy.getFile(file.id) ?? file;
    uppy.emit('vod:media-status', current(), { state: 'processing', mediaId: result.id });
    const { statusTicket: ticket, provider } = result;
    loadPoller()
      .then(({ pollMediaStatus }) =>
        pollMediaStatus({
          ...options.poll?.(),
          client: clientFor(provider),
          ticket,
          mediaId: result.id,
          provider,
          signal: controller.signal,
          env,
          onStatus: (status) => {
            if (!controller.signal.aborted) uppy.emit('vod:media-status', current(), status);
          },
        }),
      )
      .then(
        (ready) => {
          running.delete(file.id);
          if (!controller.signal.aborted) options.onReady?.(readyMediaOf(ready, provider), current());
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          running.delete(file.id);
          const typed = toVodError(error);
          uppy.emit('vod:media-error', current(), typed);
          options.onError?.(typed, current());
        },
      );
  };
  const removed = (file: VodUppyFile) => stop(file.id);
  const cancelled = () => {
    for (const id of [...running.keys()]) stop(id);
  };

  const detach = attachListeners(uppy, {
    'vod:uploaded': remember,
    'upload-success': follow,
    'file-removed': removed,
    'cancel-all': cancelled,
  });
  return () => {
    detach();
    cancelled();
  };
}
