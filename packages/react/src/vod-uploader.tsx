import Dashboard from '@uppy/react/dashboard';
import DashboardModal from '@uppy/react/dashboard-modal';
import {
  throttleDashboardRenders,
  type VodUploaderOptions,
  type VodUrlImportOptions,
} from '@vod-uploader/uppy';
import { type CSSProperties, lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { DurationBadge } from './duration-badge.js';
import { LiveRegion } from './live-region.js';
import { UploadNotices } from './upload-notices.js';
import { useDashboardA11y } from './use-dashboard-a11y.js';
import { useDashboardHeader } from './use-dashboard-header.js';
import { useDashboardSlots } from './use-dashboard-slots.js';
import { useStylesheetCheck } from './use-stylesheet-check.js';
import { useVodUploader } from './use-vod-uploader.js';

// Not needed until a file is added: fetched right after the first render, out of the page's first load.
const loadStatusBar = () =>
  import('./upload-status-bar.js').then((module) => ({ default: module.UploadStatusBar }));
const UploadStatusBar = lazy(loadStatusBar);

// Rendered from the first render, loaded with it (no error can exist before): out of the first chunk.
const UploadErrors = lazy(() =>
  import('./upload-errors.js').then((module) => ({ default: module.UploadErrors })),
);

// Loaded only once a file's media is followed (`waitForReady`).
const ProcessingList = lazy(() =>
  import('./processing-list.js').then((module) => ({ default: module.ProcessingList })),
);

// Loaded only by pages that turn `allowCover` on.
const CoverPicker = lazy(() =>
  import('./cover-picker.js').then((module) => ({ default: module.CoverPicker })),
);

// Loaded only by pages that turn `urlImport` on: the others keep their bundle as it was.
const UrlImportPanel = lazy(() =>
  import('./url-import-panel.js').then((module) => ({ default: module.UrlImportPanel })),
);

/** Colour scheme; `auto` follows the operating system. */
export type VodTheme = 'light' | 'dark' | 'auto';

/**
 * Props of {@link VodUploader}. Style it with CSS variables on `style` or a parent:
 * `--vod-accent`, `--vod-accent-text`, `--vod-danger`, `--vod-surface`, `--vod-text`, `--vod-radius`,
 * `--vod-font` (see `@vod-uploader/react/styles.css`).
 */
export interface VodUploaderProps extends VodUploaderOptions {
  /** `inline` (default) draws the Dashboard in place; `modal` draws a button that opens it. */
  mode?: 'inline' | 'modal';
  theme?: VodTheme;
  /** Offer a cover image per video, uploaded with it. */
  allowCover?: boolean;
  /**
   * Also offer "Import from a link": the cloud downloads http(s) links itself (Tencent and Alibaba
   * only; ignored for S3). Each finished import calls `onUploaded(result, undefined)`.
   */
  urlImport?: boolean | VodUrlImportOptions;
  /** Dashboard size (CSS length or pixels). */
  width?: string | number;
  height?: string | number;
  /** A line under the drop zone, e.g. "MP4 up to 2 GB". */
  note?: string;
  /** Label of the modal's opening button. */
  openLabel?: string;
  /** Disables adding and uploading. */
  disabled?: boolean;
  className?: string;
  style?: CSSProperties;
}

/**
 * The drop-in uploader: Uppy's Dashboard wired to the provider's engine, with video posters and
 * durations, cover images, localized errors with Retry, and screen-reader announcements.
 * Load `@vod-uploader/react/styles.css` once in the app.
 * @example
 * <VodUploader provider="tencent" endpoint="/api/vod" onUploaded={(r) => save(r.id)} />
 */
export function VodUploader(props: VodUploaderProps) {
  const { mode = 'inline', theme = 'light', allowCover, width, height, note, disabled } = props;
  const uploader = useVodUploader(props);
  const { uppy, state, messages, retry, setCover, dismissErrors } = uploader;
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useDashboardA11y(root, messages.uploaderLabel);
  useStylesheetCheck(root);
  useDashboardHeader(root, state.phase === 'error', messages.status.failed);
  const slots = useDashboardSlots(root, mode === 'inline');
  useEffect(() => {
    loadStatusBar().catch(() => undefined);
  }, []);
  // The Dashboard (installed by its component's mount, which runs before this effect) redraws at most
  // every 100 ms, like our own components: with many files it redrew its whole list per state change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new mode installs a new Dashboard.
  useEffect(() => throttleDashboardRenders(uppy), [uppy, mode]);
  // Stable: @uppy/react re-applies the Dashboard's options whenever a prop changes identity.
  const close = useCallback(() => setOpen(false), []);
  const refusals = state.errors.filter((error) => !state.files.some((f) => f.error === error));
  const dashboardProps = {
    uppy,
    theme,
    width,
    height,
    note,
    disabled,
    proudlyDisplayPoweredByUppy: false,
    // Ours instead (see UploadStatusBar): Uppy's reads two different totals. Its informer's toasts
    // would cover the file name and repeat what our error list and notices already say.
    disableStatusBar: true,
    disableInformer: true,
    // Our error list's Retry is the one (offered only where trying again may help): the Dashboard's
    // icon showed on any failure once bytes had moved, beside ours or where ours said "upload again".
    hideRetryButton: true,
  };

  return (
    <div
      className={['vod-uploader', props.className].filter(Boolean).join(' ')}
      data-vod-theme={theme}
      style={props.style}
      ref={root}
    >
      {mode === 'modal' ? (
        <>
          <button type="button" className="vod-button" disabled={disabled} onClick={() => setOpen(true)}>
            {props.openLabel ?? messages.openUploader}
          </button>
          <DashboardModal {...dashboardProps} open={open} onRequestClose={close} closeModalOnClickOutside />
        </>
      ) : (
        <Dashboard {...dashboardProps} />
      )}
      {state.files.map((file) => {
        const frame = slots.previews.get(file.id);
        return (
          frame &&
          file.duration !== undefined &&
          createPortal(<DurationBadge seconds={file.duration} messages={messages} />, frame, file.id)
        );
      })}
      {slots.status &&
        state.phase !== 'idle' &&
        createPortal(
          <Suspense fallback={null}>
            <UploadStatusBar
              state={state}
              messages={messages}
              hideUploadButton={Boolean(props.autoProceed)}
              disabled={disabled}
              onUpload={uploader.upload}
              onPause={uploader.pauseAll}
              onResume={uploader.resumeAll}
              onCancel={uploader.cancelAll}
            />
          </Suspense>,
          slots.status,
        )}
      {allowCover && (
        <Suspense fallback={null}>
          <CoverPicker files={state.files} messages={messages} disabled={disabled} onChange={setCover} />
        </Suspense>
      )}
      {state.files.some((file) => file.processing) && (
        <Suspense fallback={null}>
          <ProcessingList files={state.files} messages={messages} />
        </Suspense>
      )}
      <UploadNotices notices={state.notices} label={messages.noticesLabel} />
      <Suspense fallback={null}>
        <UploadErrors
          files={state.files}
          refusals={refusals}
          messages={messages}
          onRetry={retry}
          onDismiss={dismissErrors}
          disabled={disabled}
        />
      </Suspense>
      {props.urlImport && props.provider !== 's3' && (
        <Suspense fallback={null}>
          <UrlImportPanel
            {...props}
            {...(typeof props.urlImport === 'object' ? { urlImport: props.urlImport } : { urlImport: {} })}
          />
        </Suspense>
      )}
      <LiveRegion message={state.announcement} />
    </div>
  );
}
