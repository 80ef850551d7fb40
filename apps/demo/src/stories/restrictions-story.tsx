import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

/** Videos only, at most 2 files of 50 MB and 5 seconds each (the 6-second sample is refused). */
export function RestrictionsStory() {
  // What the app would save: each finished upload's media id.
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  // What the app hears of each refusal: its code, to switch on.
  const [codes, setCodes] = useState<string[]>([]);
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        height={320}
        note="Videos only, up to 2 files, 50 MB and 5 seconds each"
        restrictions={{
          allowedFileTypes: ['video/*'],
          maxFileSize: 50 * 1024 * 1024,
          maxNumberOfFiles: 2,
          maxDuration: 5,
        }}
        onUploaded={(result) => setUploaded((list) => [...list, result])}
        onError={(error) => setCodes((seen) => [...seen, error.code])}
      />
      {codes.length > 0 && (
        <p>
          <code>onError</code> received <code data-testid="error-codes">{codes.join(', ')}</code>
        </p>
      )}
      <ul className="uploaded" aria-label="Uploaded">
        {uploaded.map((media) => (
          <li key={media.id} data-testid="uploaded-item" data-provider={media.provider}>
            <span>
              Media ID: <code data-testid="media-id">{media.id}</code>
            </span>
            {media.url && <a href={media.url}>{media.url}</a>}
          </li>
        ))}
      </ul>
    </>
  );
}
