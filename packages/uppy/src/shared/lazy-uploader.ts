import type { FileUploader } from './file-uploader.js';

/**
 * A {@link FileUploader} whose code loads on first use. Each provider's uploader (its protocol, the
 * transfer engine and its SDK) is a lazy chunk, so a page that shows the widget loads none of it until
 * the browser is idle (`preloadSdk`) or the first upload starts.
 */
export function lazyUploader(load: () => Promise<FileUploader>): FileUploader {
  let loading: Promise<FileUploader> | undefined;
  const uploader = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined; // a chunk that failed to load is fetched again by the next attempt
      throw error;
    });
    return loading;
  };
  return {
    run: async (signal) => (await uploader()).run(signal),
    // Cancel loads the uploader too: a checkpoint from an earlier page may hold a multipart upload.
    cancel: async () => (await uploader()).cancel(),
  };
}
