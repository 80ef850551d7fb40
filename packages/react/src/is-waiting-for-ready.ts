import type { VodUploaderOptions } from './vod-uploader-options.js';

/** `waitForReady` in effect: as given, else on exactly when the app listens for `onReady`. */
export function isWaitingForReady(options: Pick<VodUploaderOptions, 'waitForReady' | 'onReady'>): boolean {
  const { waitForReady } = options;
  return waitForReady === undefined ? options.onReady !== undefined : waitForReady !== false;
}
