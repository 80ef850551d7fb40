import type { VodUploadError } from '@vod-uploader/core';
import type { VodFileSnapshot, VodMessages } from '@vod-uploader/uppy';
import { describeError } from '@vod-uploader/uppy';
import { useEffect, useRef } from 'react';

/** Props of {@link UploadErrors}. */
export interface UploadErrorsProps {
  files: VodFileSnapshot[];
  /** Refusals that concern no stored file (too long, wrong type, a batch failure). */
  refusals: VodUploadError[];
  messages: VodMessages;
  onRetry: (fileId: string) => void;
  onDismiss: () => void;
  /** The uploader is disabled: no Retry either. */
  disabled?: boolean | undefined;
}

/** Every failure in words a person understands, with a Retry where trying again may help. */
export function UploadErrors({ files, refusals, messages, onRetry, onDismiss, disabled }: UploadErrorsProps) {
  const refocusIn = useRetryFocus();
  const failed = files.filter((f) => f.error);
  if (failed.length === 0 && refusals.length === 0) return null;
  return (
    <section className="vod-errors" aria-label={messages.errorsLabel}>
      <ul>
        {failed.map((file) => (
          <li key={file.id} className="vod-error" data-code={file.error?.code}>
            <span>
              <strong>{file.name}</strong>: {file.error && describeError(file.error, messages)}
            </span>
            {file.error && offersRetry(file.error) && (
              <button
                type="button"
                className="vod-button"
                disabled={disabled}
                onClick={(event) => {
                  refocusIn.current = event.currentTarget.closest<HTMLElement>('.vod-uploader, .vod-field');
                  onRetry(file.id);
                }}
              >
                {messages.retry}
              </button>
            )}
          </li>
        ))}
        {refusals.map((error, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: refusals have no identity and never reorder.
          <li key={index} className="vod-error" data-code={error.code}>
            <span>{describeError(error, messages)}</span>
          </li>
        ))}
      </ul>
      {refusals.length > 0 && (
        <button type="button" className="vod-button vod-button--quiet" onClick={onDismiss}>
          {messages.dismiss}
        </button>
      )}
    </section>
  );
}

/**
 * Whether a Retry may help: a retryable failure, an object that arrived damaged (the retry sends it
 * anew, into a new upload) or an answer we could not read (the service may answer properly later).
 * The engine never repeats these two on its own; the person may.
 */
function offersRetry(error: VodUploadError): boolean {
  return error.retryable || error.code === 'integrity_failed' || error.code === 'decode_failed';
}

/**
 * A Retry that worked goes away with its error, and the focus on it would fall to the page's body
 * (the next Tab starting over from the top): it moves to the uploader's first control instead, the
 * status bar's Pause once the upload runs. Left alone when the person has moved on elsewhere.
 */
function useRetryFocus() {
  const refocusIn = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const uploader = refocusIn.current;
    if (!uploader) return;
    const active = document.activeElement;
    if (active && active !== document.body) {
      // Still on the Retry (not gone yet), or somewhere else the person chose.
      if (!uploader.contains(active)) refocusIn.current = null;
      return;
    }
    refocusIn.current = null;
    uploader
      .querySelector<HTMLElement>(
        '.uppy-StatusBar-actionCircleBtn:not(:disabled), button:not(:disabled), [tabindex="0"]',
      )
      ?.focus();
  });
  return refocusIn;
}
