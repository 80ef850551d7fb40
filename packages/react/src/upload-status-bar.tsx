import type { VodMessages, VodUploaderSnapshot } from '@vod-uploader/uppy';
import { formatBytes, formatTimeLeft } from '@vod-uploader/uppy';

/** Props of {@link UploadStatusBar}. */
export interface UploadStatusBarProps {
  state: VodUploaderSnapshot;
  messages: VodMessages;
  /** No Upload button (files upload as soon as they are added). */
  hideUploadButton?: boolean;
  disabled?: boolean;
  onUpload: () => void;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}

/** Uppy's StatusBar state classes, so Uppy's stylesheet draws ours as it draws its own. */
const UPPY_STATE = {
  waiting: 'waiting',
  uploading: 'uploading',
  paused: 'uploading',
  finishing: 'uploading',
  complete: 'complete',
  error: 'error',
} as const;

/**
 * The Dashboard's status bar, drawn from one number: the snapshot's `bytesUploaded` over `bytesTotal`.
 * The percentage, the bar, the bytes and the announcements cannot disagree (Uppy's own bar reads a
 * total it throttles to 500 ms and rounds up to 100 % before the last byte, beside bytes it does
 * not throttle). Time left comes from the store's smoothed speed and never reads 0 s; the last stage
 * reads "Finishing…" until the cloud has said the media's id, then "Complete".
 */
export function UploadStatusBar(props: UploadStatusBarProps) {
  const { state, messages, disabled } = props;
  const { phase, progress } = state;
  if (phase === 'idle') return null;
  const words = messages.status;
  const waitingFiles = state.files.filter((f) => f.status === 'pending').length;
  const showUpload = !props.hideUploadButton && waitingFiles > 0 && phase !== 'uploading';
  const moving = phase === 'uploading' || phase === 'paused' || phase === 'finishing';
  const showBar = moving || phase === 'complete';

  let primary: string | undefined;
  if (phase === 'uploading') primary = words.uploading(progress);
  else if (phase === 'paused') primary = words.paused(progress);
  else if (phase === 'finishing') primary = words.finishing;
  else if (phase === 'complete') primary = words.complete;
  else if (phase === 'error') primary = words.failed;

  // Waiting with nothing to press (files upload as soon as they are added): no empty bar.
  if (!primary && !showUpload) return null;

  let timeLeft: string | undefined;
  if (phase === 'uploading' && state.etaSeconds !== undefined) {
    const time = formatTimeLeft(state.etaSeconds, words.timeUnits);
    timeLeft = time ? words.timeLeft(time) : words.fewSecondsLeft;
  }

  return (
    <div className={`uppy-StatusBar is-${UPPY_STATE[phase]} vod-status`} data-vod-phase={phase}>
      {showBar && (
        <div
          className="uppy-StatusBar-progress vod-status__bar"
          style={{ width: `${progress}%` }}
          role="progressbar"
          aria-label={words.progressLabel}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress}
          aria-valuetext={primary}
        />
      )}
      {primary && (
        <div className="uppy-StatusBar-content">
          {(phase === 'uploading' || phase === 'finishing') && <Spinner />}
          <div className="uppy-StatusBar-status">
            <div className="uppy-StatusBar-statusPrimary vod-status__primary">{primary}</div>
            {(phase === 'uploading' || phase === 'paused') && state.bytesTotal > 0 && (
              <div className="uppy-StatusBar-statusSecondary">
                <span className="vod-status__bytes">
                  {words.bytesOf(formatBytes(state.bytesUploaded), formatBytes(state.bytesTotal))}
                </span>
                {timeLeft && <span className="vod-status__eta"> · {timeLeft}</span>}
              </div>
            )}
          </div>
        </div>
      )}
      <div className="uppy-StatusBar-actions">
        {showUpload && (
          <button
            type="button"
            className="uppy-u-reset uppy-c-btn uppy-StatusBar-actionBtn uppy-StatusBar-actionBtn--upload uppy-c-btn-primary"
            disabled={disabled}
            onClick={props.onUpload}
          >
            {words.uploadFiles(waitingFiles)}
          </button>
        )}
        {(phase === 'uploading' || phase === 'paused') && (
          <CircleButton
            label={phase === 'paused' ? words.resume : words.pause}
            onClick={phase === 'paused' ? props.onResume : props.onPause}
            disabled={disabled}
            path={phase === 'paused' ? 'M6 4.25L11.5 8 6 11.75z' : 'M5 4.5h2v7H5v-7zm4 0h2v7H9v-7z'}
          />
        )}
        {moving && (
          <CircleButton
            label={words.cancel}
            onClick={props.onCancel}
            disabled={disabled}
            path="M9.283 8l2.567 2.567-1.283 1.283L8 9.283 5.433 11.85 4.15 10.567 6.717 8 4.15 5.433 5.433 4.15 8 6.717l2.567-2.567 1.283 1.283z"
          />
        )}
      </div>
    </div>
  );
}

function CircleButton(props: {
  label: string;
  onClick: () => void;
  disabled?: boolean | undefined;
  path: string;
}) {
  const { label, onClick, disabled, path } = props;
  return (
    <button
      type="button"
      className="uppy-u-reset uppy-StatusBar-actionCircleBtn"
      title={label}
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
    >
      <svg
        aria-hidden="true"
        focusable="false"
        className="uppy-c-icon"
        width="16"
        height="16"
        viewBox="0 0 16 16"
      >
        <g fill="none" fillRule="evenodd">
          <circle fill="#888" cx="8" cy="8" r="8" />
          <path fill="#FFF" d={path} />
        </g>
      </svg>
    </button>
  );
}

function Spinner() {
  return (
    <svg
      className="uppy-StatusBar-spinner"
      aria-hidden="true"
      focusable="false"
      width="14"
      height="14"
      viewBox="0 0 14 14"
    >
      <path d="M7 1a6 6 0 1 0 6 6h-1.5A4.5 4.5 0 1 1 7 2.5z" fillRule="evenodd" />
    </svg>
  );
}
