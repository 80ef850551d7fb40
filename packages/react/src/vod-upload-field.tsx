import type { ProviderKey } from '@vod-uploader/core';
import { forwardRef, type ReactNode, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { LiveRegion } from './live-region.js';
import { UploadErrors } from './upload-errors.js';
import { UploadNotices } from './upload-notices.js';
import { useVodUploader } from './use-vod-uploader.js';
import type { VodUploaderOptions } from './vod-uploader-options.js';

/** The value of a {@link VodUploadField}: the stored media, or `null` when there is none. */
export interface VodMediaValue {
  provider: ProviderKey;
  id: string;
  url?: string;
  posterUrl?: string;
}

/** Props of {@link VodUploadField}; `value`/`onChange`/`onBlur`/`name`/`ref` fit react-hook-form's `Controller`. */
export interface VodUploadFieldProps
  extends Omit<VodUploaderOptions, 'autoProceed' | 'onUploaded' | 'restrictions'> {
  value?: VodMediaValue | null;
  onChange?: (value: VodMediaValue | null) => void;
  onBlur?: () => void;
  /** Name of a hidden input holding the media id, so a plain `<form>` submits it. */
  name?: string;
  label?: ReactNode;
  /** The form cannot be submitted without a media. */
  required?: boolean;
  disabled?: boolean;
  /** Only one file is taken; `maxNumberOfFiles` is always 1. */
  restrictions?: Omit<NonNullable<VodUploaderOptions['restrictions']>, 'maxNumberOfFiles'>;
  /** `accept` of the file chooser. Default `video/*`. */
  accept?: string;
  /** Told when an upload starts or ends, for forms that track readiness themselves. */
  onBusyChange?: (busy: boolean) => void;
  id?: string;
  className?: string;
}

/** What a `ref` on {@link VodUploadField} reaches (react-hook-form focuses it on a validation error). */
export interface VodUploadFieldHandle {
  focus: () => void;
}

/**
 * A controlled form field whose value is an uploaded video. It shows the current media with its
 * poster, offers Replace and Remove, uploads as soon as a file is chosen, and keeps the surrounding
 * form from submitting while an upload runs (through the browser's constraint validation, so plain
 * forms and react-hook-form alike are blocked, with a message).
 * @example
 * <Controller name="video" control={control} rules={{ required: true }}
 *   render={({ field }) => <VodUploadField {...field} provider="tencent" endpoint="/api/vod" />} />
 */
export const VodUploadField = forwardRef<VodUploadFieldHandle, VodUploadFieldProps>(
  function VodUploadField(props, ref) {
    const { value = null, onChange, onBlur, name, label, required, disabled, accept = 'video/*' } = props;
    const fieldId = useId();
    const messageId = `${fieldId}-message`;
    const chooser = useRef<HTMLInputElement>(null);
    const mainButton = useRef<HTMLButtonElement>(null);
    const validity = useRef<HTMLInputElement>(null);
    const [localPoster, setLocalPoster] = useState<string | undefined>();
    const [invalidMessage, setInvalidMessage] = useState<string | undefined>();

    const onChangeRef = useRef(onChange);
    onChangeRef.current = onChange;
    const onBlurRef = useRef(onBlur);
    onBlurRef.current = onBlur;
    const uploader = useVodUploader({
      ...props,
      restrictions: { ...props.restrictions, maxNumberOfFiles: 1 },
      autoProceed: true,
      onUploaded: (result, file) => {
        const next: VodMediaValue = { provider: result.provider, id: result.id };
        if (result.url) next.url = result.url;
        const posterUrl = result.posterUrl ?? result.coverUrl;
        if (posterUrl) next.posterUrl = posterUrl;
        // The engine's poster frame is revoked with the file; keep a copy to show until the form reloads.
        if (!posterUrl && file?.preview) copyObjectUrl(file.preview).then(setLocalPoster, () => undefined);
        onChangeRef.current?.(next);
        // The user is done with the field: react-hook-form marks it touched and validates it.
        onBlurRef.current?.();
      },
    });
    const { state, messages } = uploader;
    const current = state.files[0];
    const busy = state.files.some((f) => f.status === 'pending' || f.status === 'uploading');

    useImperativeHandle(ref, () => ({ focus: () => mainButton.current?.focus() }), []);

    const onBusyChange = props.onBusyChange;
    useEffect(() => {
      validity.current?.setCustomValidity(busy ? messages.waitForUpload : '');
      onBusyChange?.(busy);
      if (!busy) setInvalidMessage(undefined);
    }, [busy, messages.waitForUpload, onBusyChange]);

    useEffect(() => {
      // A media that came from outside (a saved form) has its own poster; ours no longer applies.
      if (!value) setLocalPoster(undefined);
    }, [value]);

    const choose = () => chooser.current?.click();
    const remove = () => {
      uploader.cancelAll();
      onChangeRef.current?.(null);
      onBlur?.();
    };
    const poster = value?.posterUrl ?? localPoster;

    return (
      <fieldset
        className={['vod-field', props.className].filter(Boolean).join(' ')}
        disabled={disabled}
        aria-describedby={invalidMessage ? messageId : undefined}
        data-busy={busy || undefined}
        id={props.id}
      >
        {label && (
          <legend className="vod-field__label">
            {label}
            {required && <span aria-hidden="true"> *</span>}
          </legend>
        )}
        {value ? (
          <figure className="vod-field__media">
            {poster ? (
              <img className="vod-field__poster" src={poster} alt={messages.posterOf(value.id)} />
            ) : (
              <div className="vod-field__poster vod-field__poster--empty" aria-hidden="true" />
            )}
            <figcaption>
              {messages.mediaId}: <code className="vod-field__id">{value.id}</code>
              {value.url && (
                <>
                  {' · '}
                  <a href={value.url} target="_blank" rel="noreferrer">
                    {messages.openVideo}
                  </a>
                </>
              )}
            </figcaption>
          </figure>
        ) : (
          !busy && <p className="vod-field__empty">{messages.noMedia}</p>
        )}
        {busy && current && (
          <div className="vod-field__progress">
            {current.previewUrl && <img className="vod-field__poster" src={current.previewUrl} alt="" />}
            <progress max={100} value={current.progress} aria-label={current.name} />
            <span>{messages.uploadingPercent(current.progress)}</span>
          </div>
        )}
        <div className="vod-field__actions">
          {busy ? (
            <button
              type="button"
              className="vod-button"
              ref={mainButton}
              onClick={remove}
              disabled={disabled}
            >
              {messages.cancelUpload}
            </button>
          ) : (
            <button
              type="button"
              className="vod-button"
              ref={mainButton}
              onClick={choose}
              disabled={disabled}
            >
              {value ? messages.replaceVideo : messages.chooseVideo}
            </button>
          )}
          {value && !busy && (
            <button
              type="button"
              className="vod-button vod-button--quiet"
              onClick={remove}
              disabled={disabled}
            >
              {messages.removeVideo}
            </button>
          )}
        </div>
        <input
          ref={chooser}
          type="file"
          hidden
          accept={accept}
          disabled={disabled}
          onChange={(event) => {
            uploader.cancelAll();
            uploader.addFiles(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
          }}
        />
        {name && <input type="hidden" name={name} value={value?.id ?? ''} disabled={disabled} />}
        <input
          ref={validity}
          className="vod-field__validity"
          tabIndex={-1}
          aria-hidden="true"
          value={value?.id ?? ''}
          required={required}
          disabled={disabled}
          onChange={() => undefined}
          onInvalid={(event) => {
            // Our own message replaces the browser's bubble, which would point at this invisible input.
            event.preventDefault();
            setInvalidMessage(busy ? messages.waitForUpload : messages.mediaRequired);
            mainButton.current?.focus();
          }}
        />
        {invalidMessage && (
          <p className="vod-field__message" id={messageId} role="alert">
            {invalidMessage}
          </p>
        )}
        <UploadNotices notices={state.notices} label={messages.noticesLabel} />
        <UploadErrors
          files={state.files}
          refusals={state.errors.filter((error) => !state.files.some((f) => f.error === error))}
          messages={messages}
          onRetry={uploader.retry}
          onDismiss={uploader.dismissErrors}
        />
        <LiveRegion message={state.announcement} />
      </fieldset>
    );
  },
);

async function copyObjectUrl(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  return URL.createObjectURL(blob);
}
