import type { VodUploadResult } from '@vod-uploader/core';
import type { VodUploaderOptions } from '@vod-uploader/uppy';
import {
  applyVodOptions,
  attachListeners,
  attachMediaStatus,
  attachVideoPreviews,
  createVodUppy,
  headersOf,
  messagesOf,
  throttledSubscribe,
  toRefusal,
  toVodError,
  type VodMessages,
  type VodUploaderSnapshot,
  VodUploaderStore,
  type VodUppy,
  type VodUppyFile,
} from '@vod-uploader/uppy';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useMergedOptions } from './vod-uploader-defaults.js';

/** What {@link useVodUploader} returns: the state to draw and the actions to call. */
export interface VodUploaderHandle {
  /** The Uppy instance, for Uppy UI plugins or anything this handle does not cover. */
  uppy: VodUppy;
  /** Re-rendered whenever a file, its progress, an error or the announcement changes. */
  state: VodUploaderSnapshot;
  /** Our strings in the chosen locale. */
  messages: VodMessages;
  /** Adds files (from an `<input type=file>` or a drop); refusals land in `state.errors`. */
  addFiles: (files: Iterable<File> | ArrayLike<File>) => void;
  /** Starts uploading every added file. */
  upload: () => void;
  /** Retries one failed file, or every failed file. */
  retry: (fileId?: string) => void;
  removeFile: (fileId: string) => void;
  /** Cancels every upload and removes every file. */
  cancelAll: () => void;
  /** Pauses every running upload (the stored parts are kept). */
  pauseAll: () => void;
  /** Resumes every paused upload. */
  resumeAll: () => void;
  /** Attaches (or with `undefined` removes) the cover image of a video. */
  setCover: (fileId: string, cover: Blob | undefined) => void;
  /** Clears refusals that concern no file (e.g. after the user read them). */
  dismissErrors: () => void;
}

/**
 * The headless uploader: state through `useSyncExternalStore` over the Uppy instance, actions as
 * plain functions. Draw any UI with it; `<VodUploader />` and `<VodUploadField />` are built on it.
 * @example
 * const { state, addFiles, upload } = useVodUploader({ provider: 'tencent', endpoint: '/api/vod' });
 * return <input type="file" onChange={(e) => { addFiles(e.target.files ?? []); upload(); }} />;
 */
export function useVodUploader(props: VodUploaderOptions): VodUploaderHandle {
  const options = useMergedOptions(props);
  const latest = useRef(options);
  latest.current = options;
  // A new instance when the provider, the endpoint or the plugin's options change (by value: a
  // signed-in user's `checkpointScope`, a part size; a removed option must not linger on the live
  // plugin); everything else is applied in place.
  const instanceKey = instanceKeyOf(options);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the rest of `options` is read through `latest`.
  const { uppy, store, refusal } = useMemo(() => {
    const messages = () => messagesOf(latest.current.locale);
    try {
      const instance = createVodUppy(latest.current, () => latest.current);
      return { uppy: instance, store: new VodUploaderStore(instance, messages), refusal: undefined };
    } catch (error) {
      // A bad provider or option must not take the page down: show it where the uploader would be.
      const refusal = toVodError(error);
      const instance = createVodUppy({ ...latest.current, provider: undefined }, () => latest.current);
      // Files can still be chosen: each fails with the refusal instead of "completing" unsent.
      instance.addUploader(async (fileIDs) => {
        for (const id of fileIDs) instance.emit('upload-error', instance.getFile(id), refusal);
      });
      const store = new VodUploaderStore(instance, messages);
      store.refuse(refusal);
      return { uppy: instance, store, refusal };
    }
  }, [instanceKey]);

  // The app hears a configuration error once, when it is made, as it hears every other error; once
  // also under StrictMode, which runs this effect twice for the same instance.
  const reportedRefusal = useRef<unknown>(undefined);
  useEffect(() => {
    if (!refusal || reportedRefusal.current === refusal) return;
    reportedRefusal.current = refusal;
    latest.current.onError?.(refusal, undefined);
  }, [refusal]);

  const { autoProceed, locale } = options;
  const { allowedFileTypes, maxFileSize, maxNumberOfFiles } = options.restrictions ?? {};
  // By value, not identity: an inline `meta={{…}}` or `allowedFileTypes={[…]}` is a new object each
  // render, and re-applying options updates Uppy's state, which renders again.
  const metaKey = JSON.stringify(options.meta);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the keys above stand for the objects.
  useEffect(() => {
    applyVodOptions(uppy, latest.current);
  }, [uppy, autoProceed, locale, metaKey, String(allowedFileTypes), maxFileSize, maxNumberOfFiles]);

  useEffect(
    () =>
      attachVideoPreviews(uppy, {
        maxDuration: () => latest.current.restrictions?.maxDuration,
        messages: () => messagesOf(latest.current.locale),
      }),
    [uppy],
  );

  useEffect(
    () =>
      attachMediaStatus(uppy, {
        endpoint: latest.current.endpoint,
        headers: () => headersOf(latest.current),
        enabled: () => isWaitingForReady(latest.current),
        poll: () =>
          typeof latest.current.waitForReady === 'object' ? latest.current.waitForReady : undefined,
        ...(typeof latest.current.pluginOptions?.fetch === 'function'
          ? { fetch: latest.current.pluginOptions.fetch }
          : {}),
        onReady: (media, file) => latest.current.onReady?.(media, file),
        onError: (error, file) => latest.current.onError?.(error, file),
      }),
    [uppy],
  );

  useEffect(() => {
    const uploaded = (file: VodUppyFile | undefined, result: VodUploadResult) => {
      if (file) latest.current.onUploaded?.(result, file);
    };
    const failed = (file: VodUppyFile | undefined, error: unknown) =>
      latest.current.onError?.(toVodError(error), file);
    // Uppy's own restriction errors are `file_invalid`, the same object the uploader shows.
    const refused = (file: VodUppyFile | undefined, error: unknown) =>
      latest.current.onError?.(toRefusal(error), file);
    return attachListeners(uppy, {
      'vod:uploaded': uploaded,
      'upload-error': failed,
      'restriction-failed': refused,
    });
  }, [uppy]);

  // Unmounting cancels what is in flight: nobody is left to see it finish.
  useEffect(() => () => uppy.cancelAll(), [uppy]);

  // At most one render per 100 ms: every progress report is an Uppy state change.
  const subscribe = useMemo(() => throttledSubscribe(store.subscribe), [store]);
  const state = useSyncExternalStore(subscribe, store.getSnapshot, store.getSnapshot);
  const messages = messagesOf(options.locale);

  const actions = useMemo(
    () => ({
      addFiles: (files: Iterable<File> | ArrayLike<File>) => {
        const descriptors = Array.from(files, (file) => ({
          name: file.name,
          type: file.type,
          data: file,
          source: 'vod-uploader',
        }));
        try {
          // In chunks (see addFilesInChunks): one state change per chunk, not per file.
          uppy.addFiles(descriptors);
        } catch {
          // Uppy already emitted `restriction-failed`, which the store turns into a shown error.
        }
      },
      upload: () => {
        uppy.upload().catch(() => undefined);
      },
      retry: (fileId?: string) => {
        if (!fileId) {
          uppy.retryAll().catch(() => undefined);
          return;
        }
        // Uppy's retryUpload ends without the `complete` that retryAll and upload emit, so nothing
        // would announce "Upload complete." after a file's Retry: say it as they do, once no other
        // upload still runs (its own `complete` will speak then).
        uppy
          .retryUpload(fileId)
          .then((result) => {
            const running = Object.keys(uppy.getState().currentUploads ?? {}).length;
            if (result && running === 0) uppy.emit('complete', result);
          })
          .catch(() => undefined);
      },
      removeFile: (fileId: string) => uppy.removeFile(fileId),
      cancelAll: () => uppy.cancelAll(),
      pauseAll: () => uppy.pauseAll(),
      resumeAll: () => uppy.resumeAll(),
      setCover: (fileId: string, cover: Blob | undefined) => uppy.setFileMeta(fileId, { cover }),
      dismissErrors: () => store.dismissRefusals(),
    }),
    [uppy, store],
  );

  return { uppy, state, messages, ...actions };
}

/** `waitForReady` in effect: as given, else on exactly when the app listens for `onReady`. */
function isWaitingForReady(options: Pick<VodUploaderOptions, 'waitForReady' | 'onReady'>): boolean {
  const { waitForReady } = options;
  return waitForReady === undefined ? options.onReady !== undefined : waitForReady !== false;
}

/**
 * What needs a new Uppy instance: the provider, the endpoint and the plugin's options, by value (an
 * inline `pluginOptions={{…}}` is a new object every render; functions in it are not compared).
 */
export function instanceKeyOf(
  options: Pick<VodUploaderOptions, 'provider' | 'endpoint' | 'pluginOptions'>,
): string {
  return JSON.stringify([options.provider, options.endpoint, options.pluginOptions]);
}
