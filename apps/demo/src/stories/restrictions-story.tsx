import { VodUploader } from '@vod-uploader/react';
import { useState } from 'react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/** Videos only, at most 2 files of 50 MB and 5 seconds each (the 6-second sample is refused). */
export function RestrictionsStory() {
  const { items, onUploaded } = useUploadedItems();
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
        onUploaded={onUploaded}
        onError={(error) => setCodes((seen) => [...seen, error.code])}
      />
      {codes.length > 0 && (
        <p>
          <code>onError</code> received <code data-testid="error-codes">{codes.join(', ')}</code>
        </p>
      )}
      <UploadedMedia items={items} />
    </>
  );
}
