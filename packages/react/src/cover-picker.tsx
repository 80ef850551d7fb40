import type { VodFileSnapshot, VodMessages } from '@vod-uploader/uppy';
import { useId } from 'react';

/** Props of {@link CoverPicker}. */
export interface CoverPickerProps {
  files: VodFileSnapshot[];
  messages: VodMessages;
  /** Image types offered in the file chooser. */
  accept?: string;
  disabled?: boolean;
  onChange: (fileId: string, cover: Blob | undefined) => void;
}

/** One "choose a cover" control per video not yet uploaded; the engine uploads the cover with it. */
export function CoverPicker({
  files,
  messages,
  accept = 'image/jpeg,image/png',
  disabled,
  onChange,
}: CoverPickerProps) {
  const baseId = useId();
  const videos = files.filter((f) => f.type.startsWith('video/') && f.status !== 'done');
  if (videos.length === 0) return null;
  return (
    <fieldset className="vod-covers" disabled={disabled}>
      <legend>{messages.coversLabel}</legend>
      <ul>
        {videos.map((file, index) => {
          const inputId = `${baseId}-${index}`;
          const coverName = file.cover instanceof File ? file.cover.name : file.cover ? 'image' : undefined;
          return (
            <li key={file.id}>
              <label htmlFor={inputId}>{messages.chooseCover(file.name)}</label>
              <input
                id={inputId}
                type="file"
                accept={accept}
                disabled={file.status !== 'pending'}
                onChange={(event) => onChange(file.id, event.currentTarget.files?.[0])}
              />
              <span className="vod-covers__status">
                {coverName ? messages.coverChosen(coverName) : messages.noCover}
              </span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
