import '@vod-uploader/react/styles.css';
import { type ProviderKey, VodUploader } from '@vod-uploader/react';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

/** What one upload through the real `<VodUploader />` measured. */
export interface UiTiming {
  ok: boolean;
  /** From handing the files to the Dashboard's input to the last `onUploaded`. */
  ms: number;
  /** `Date.now()` when the files were handed over, to match against the sandbox's request log. */
  startedAt: number;
  /** The page's clock when the Dashboard had taken the files (its input handler, one task, returned). */
  addedAt: number;
  /** How long that handler ran: Uppy's `addFiles` for all the files and the Dashboard's render. */
  addMs: number;
  uploaded: number;
  error?: string;
}

/**
 * Mounts `<VodUploader autoProceed />` (Dashboard, previews, progress, notices: the whole UI a user
 * sees), hands it `files` through the Dashboard's own file input as a user's choice would, and
 * resolves when every file is uploaded or one has failed.
 */
export async function uploadThroughUi(
  provider: ProviderKey,
  files: File[],
  pluginOptions: Record<string, unknown>,
): Promise<UiTiming> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  let uploaded = 0;
  let settle: (error?: string) => void = () => {};
  const settled = new Promise<string | undefined>((resolve) => {
    settle = resolve;
  });
  root.render(
    createElement(VodUploader, {
      provider,
      endpoint: '/api/vod',
      autoProceed: true,
      pluginOptions,
      onUploaded: (_result, file) => {
        if (file && ++uploaded === files.length) settle();
      },
      onError: (error) => settle(`${error.code}: ${error.message}`),
    }),
  );
  const input = await waitFor(() => host.querySelector<HTMLInputElement>('input.uppy-Dashboard-input'));
  const chosen = new DataTransfer();
  for (const file of files) chosen.items.add(file);
  const startedAt = Date.now();
  const started = performance.now();
  input.files = chosen.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  const addedAt = performance.now();
  const error = await settled;
  const ms = performance.now() - started;
  root.unmount();
  host.remove();
  return {
    ok: error === undefined,
    ms,
    startedAt,
    addedAt,
    addMs: addedAt - started,
    uploaded,
    ...(error ? { error } : {}),
  };
}

async function waitFor<T>(find: () => T | null): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found) return found;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error('the Dashboard did not render its file input');
}
