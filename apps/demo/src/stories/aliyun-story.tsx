import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

/** Alibaba Cloud ApsaraVideo VOD; uploads start as soon as a file is chosen. */
export function AliyunStory() {
  // What the app would save: each finished upload's media id (VideoId).
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  return (
    <>
      <VodUploader
        provider="aliyun"
        endpoint="/api/vod"
        height={320}
        autoProceed
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
