import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

/** Any S3-compatible store (AWS S3, MinIO, R2…): the endpoint presigns, the browser uploads. */
export function S3Story() {
  // What the app would save: each finished upload's object key.
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  return (
    <>
      <VodUploader
        provider="s3"
        endpoint="/api/vod"
        height={320}
        onUploaded={(result) => setUploaded((list) => [...list, result])}
      />
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
