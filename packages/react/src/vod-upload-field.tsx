import type { ProviderKey } from '@vod-uploader/core';
import type { VodUploaderOptions } from '@vod-uploader/uppy';
import { describeProcessing } from '@vod-uploader/uppy';
import { forwardRef, type ReactNode, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { DurationBadge } from './duration-badge.js';
import { LiveRegion } from './live-region.js';
import { UploadErrors } from './upload-errors.js';
import { UploadNotices } from './upload-notices.js';
import { useStylesheetCheck } from './use-stylesheet-check.js';
import { useVodUploader } from './use-vod-uploader.js';

/**
 * The value of a {@link VodUploadField}: the stored media, or `null` when there is none. Save `id`
 * (with `provider` if the app uses more than one cloud); `url` and `posterUrl` are for showing it
 * again and may be missing or expire (a signed URL).
 */
export interface VodMediaValue {
  /** Which cloud holds it. */
  provider: ProviderKey;
  /** Tencent's `FileId`, Alibaba's `VideoId`, or the S3 object key: what the app stores. */
  id: string;
  /** Where the video can be played or downloaded, when the cloud says. */
  url?: string;
  /** A poster or cover image, when the cloud (or the chosen cover) gives one. */
  posterUrl?: string;
  /**
   * Set on a fresh upload: the proof that this user uploaded `id` (the finish answer's media ticket,
   * valid 24 h). Submit it with the form (`ticketName`) and check it on the server with
   * `createMediaVerifier` of `@vod-uploader/server`, or a user can submit any id he has seen.
   */
  ticket?: string;
}

/** Props of {@link VodUploadField}; `value`/`onChange`/`onBlur`/`name`/`ref` fit react-hook-form's `Controller`. */
export interface VodUploadFieldProps
  extends Omit<VodUploaderOptions, 'autoProceed' | 'onUploaded' | 'restrictions'> {
  /** Controlled: the media shown (pass `onChange` too). Leave it out for a field that keeps its own. */
  value?: VodMediaValue | null;
  /** Uncontrolled: the media shown at first (a saved form); the field then keeps each upload itself. */
  defaultValue?: VodMediaValue | null;
  onChange?: (value: VodMediaValue | null) => void;
  onBlur?: () => void;
  /** Name of a hidden input holding the media id, so a plain `<form>` submits it. */
  name?: string;
  /** Name of a hidden input holding the fresh upload's `ticket` (empty for a saved value). */
  ticketName?: string;
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

/** Warned once per page, as React warns about a controlled input without `onChange`. */
let warnedValueWithoutOnChange = false;

/**
 * A form field whose value is an uploaded video (its id, set as soon as the upload is done; with
 * `waitForReady` the field then shows "Processing…" → "Ready" beside it, without holding the form
 * back): controlled (`value` + `onChange`, as under
 * react-hook-form) or uncontrolled (`defaultValue`, or nothing, in a plain `<form>` with `name`). It shows the current media with its
 * poster, offers Replace and Remove, uploads as soon as a file is chosen, and keeps the surrounding
 * form from submitting while an upload runs (through the browser's constraint validation, so plain
 * forms and react-hook-form alike are blocked, with a message).
 * @example
 * <Controller name="video" control={control} rules={{ required: true }}
 *   render={({ field }) => <VodUploadField {...field} provider="tencent" endpoint="/api/vod" />} />
 */
export const VodUploadField = forwardRef<VodUploadFieldHandle, VodUploadFieldProps>(
  function VodUploadField(props, ref) {
    const { onChange, onBlur, name, ticketName, label, required, disabled, accept = 'video/*' } = props;
    // Once a parent has controlled the field, `value: undefined` (react-hook-form's reset() of a form
    // without defaultValues) means empty, not "use what I uploaded before".
    const everControlled = useRef(false);
    const controlled = props.value !== undefined;
    if (controlled) everControlled.current = true;
    const [ownValue, setOwnValue] = useState<VodMediaValue | null>(props.defaultValue ?? null);
    const value = (controlled ? props.value : everControlled.current ? null : ownValue) ?? null;
    if (controlled && !onChange && !warnedValueWithoutOnChange && isDevelopment()) {
      warnedValueWithoutOnChange = true;
      console.warn(
        'VodUploadField: `value` was given without `onChange`, so every upload is thrown away and the field shows `value` again. Pass `onChange` (controlled), or `defaultValue` instead of `value` (uncontrolled).',
      );
    }
    const fieldId = useId();
    const messageId = `${fieldId}-message`;
    const chooser = useRef<HTMLInputElement>(null);
    const mainButton = useRef<HTMLButtonElement>(null);
    const validity = useRef<HTMLInputElement>(null);
    const root = useRef<HTMLFieldSetElement>(null);
    useStylesheetCheck(root);
    // The engine's poster frame of the media just uploaded, for that media only.
    const [localPoster, setLocalPoster] = useState<{ id: string; url: string } | undefined>();
    const [invalidMessage, setInvalidMessage] = useState<string | undefined>();
    const mounted = useRef(true);
    useEffect(() => {
      mounted.current = true;
      return () => {
        mounted.current = false;
      };
    }, []);

    const onChangeRef = useRef(onChange);
    onChangeRef.current = (next: VodMediaValue | null) => {
      if (!controlled) setOwnValue(next);
      onChange?.(next);
    };
    const onBlurRef = useRef(onBlur);
    onBlurRef.current = onBlur;
    const uploader = useVodUploader({
      ...props,
      restrictions: { ...props.restrictions, maxNumberOfFiles: 1 },
      autoProceed: true,
      onUploaded: (result, file) => {
        const next: VodMediaValue = { provider: result.provider, id: result.id };
        if (result.statusTicket) next.ticket = result.statusTicket;
        if (result.url) next.url = result.url;
        const posterUrl = result.posterUrl ?? result.coverUrl;
        if (posterUrl) next.posterUrl = posterUrl;
        // The engine's poster frame is revoked with the file; keep a copy to show until the form reloads.
        if (!posterUrl && file?.preview) {
          copyObjectUrl(file.preview).then(
            // A copy made after the field went away has nobody to free it but this.
            (url) => (mounted.current ? setLocalPoster({ id: result.id, url }) : URL.revokeObjectURL(url)),
            () => undefined,
          );
        }
        onChangeRef.current?.(next);
        // The user is done with the field: react-hook-form marks it touched and validates it.
        onBlurRef.current?.();
      },
    });
    const { state, messages } = uploader;
    const current = state.files[0];
    const busy = state.files.some(
      (f) => f.status === 'pending' || f.status === 'uploading' || f.status === 'finishing',
    );

    useImperativeHandle(ref, () => ({ focus: () => mainButton.current?.focus() }), []);

    // A ref: an inline `onBusyChange` is a new function every render, and must not re-run this.
    const onBusyChange = useRef(props.onBusyChange);
    onBusyChange.current = props.onBusyChange;
    useEffect(() => {
      validity.current?.setCustomValidity(busy ? messages.waitForUpload : '');
      onBusyChange.current?.(busy);
      // Starting an upload answers "Please upload a video."; finishing one answers "wait for it".
      setInvalidMessage(undefined);
    }, [busy, messages.waitForUpload]);

    // A poster copy is freed once it is replaced or the field goes away.
    useEffect(() => (localPoster ? () => URL.revokeObjectURL(localPoster.url) : undefined), [localPoster]);

    // The form's reset (a Reset button, `form.reset()`) empties an uncontrolled field back to its
    // defaultValue, as it does every native input; a controlled one is its parent's to reset.
    const resetTo = useRef(() => {});
    resetTo.current = () => {
      uploader.cancelAll();
      setInvalidMessage(undefined);
      if (!controlled) setOwnValue(props.defaultValue ?? null);
    };
    useEffect(() => {
      const form = validity.current?.form;
      if (!form) return;
      const onReset = () => resetTo.current();
      form.addEventListener('reset', onReset);
      return () => form.removeEventListener('reset', onReset);
    }, []);

    const choose = () => chooser.current?.click();
    // Cancel stops the upload and keeps the media the field had (a Replace changed its mind).
    const cancelUpload = () => uploader.cancelAll();
    const remove = () => {
      uploader.cancelAll();
      onChangeRef.current?.(null);
      onBlur?.();
    };
    // The video just uploaded, still known from the file (a saved value carries none of this).
    const uploaded = current?.result && current.result.id === value?.id ? current : undefined;
    const processing = uploaded?.processing;
    const ready = processing?.state === 'ready' ? processing.media : undefined;
    const ownPoster = localPoster && localPoster.id === value?.id ? localPoster.url : undefined;
    const poster = value?.posterUrl ?? ready?.posterUrl ?? ownPoster;
    const duration = uploaded?.duration;

    return (
      <fieldset
        className={['vod-field', props.className].filter(Boolean).join(' ')}
        disabled={disabled}
        aria-describedby={invalidMessage ? messageId : undefined}
        data-busy={busy || undefined}
        id={props.id}
        ref={root}
      >
        {label && (
          <legend className="vod-field__label">
            {label}
            {required && <span aria-hidden="true"> *</span>}
          </legend>
        )}
        {value ? (
          <figure className="vod-field__media">
            <span className="vod-field__thumb">
              {poster ? (
                <img className="vod-field__poster" src={poster} alt={messages.posterOf(value.id)} />
              ) : (
                <div className="vod-field__poster vod-field__poster--empty" aria-hidden="true" />
              )}
              {duration !== undefined && <DurationBadge seconds={duration} messages={messages} />}
            </span>
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
              {processing && (
                <span className="vod-field__processing" data-state={processing.state}>
                  {describeProcessing(processing, messages)}
                  {ready?.playUrl && (
                    <>
                      {' · '}
                      <a href={ready.playUrl} target="_blank" rel="noreferrer">
                        {messages.processing.play}
                      </a>
                    </>
                  )}
                </span>
              )}
            </figcaption>
          </figure>
        ) : (
          !busy && <p className="vod-field__empty">{messages.noMedia}</p>
        )}
        {busy && current && (
          <div className="vod-field__progress">
            {current.previewUrl && (
              <span className="vod-field__thumb">
                <img className="vod-field__poster" src={current.previewUrl} alt="" />
                {current.duration !== undefined && (
                  <DurationBadge seconds={current.duration} messages={messages} />
                )}
              </span>
            )}
            <progress max={100} value={current.progress} aria-label={current.name} />
            <span>
              {current.status === 'finishing'
                ? messages.status.finishing
                : messages.uploadingPercent(current.progress)}
            </span>
          </div>
        )}
        <div className="vod-field__actions">
          {busy ? (
            <button
              type="button"
              className="vod-button"
              ref={mainButton}
              onClick={cancelUpload}
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
        {ticketName && (
          <input type="hidden" name={ticketName} value={value?.ticket ?? ''} disabled={disabled} />
        )}
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
            // Every invalid control hears this in order: the first one takes the focus.
            if (isFirstInvalid(event.currentTarget)) mainButton.current?.focus();
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
          disabled={disabled}
        />
        <LiveRegion message={state.announcement} />
      </fieldset>
    );
  },
);

/**
 * Development builds. `process.env.NODE_ENV` is written out in full because Vite (dev and build),
 * Next.js and webpack replace that exact expression; `typeof process` would be `'undefined'` in the
 * browser even where the expression was replaced. Where nothing replaced it and there is no
 * `process`, it throws: take that as production and stay quiet.
 */
function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return false;
  }
}

/** Whether `input` is the first control of its form that fails its constraints (or has no form). */
function isFirstInvalid(input: HTMLInputElement): boolean {
  const form = input.form;
  if (!form) return true;
  for (const element of Array.from(form.elements)) {
    const { validity } = element as Partial<HTMLInputElement>;
    if (validity && !validity.valid) return element === input;
  }
  return true;
}

async function copyObjectUrl(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  return URL.createObjectURL(blob);
}
