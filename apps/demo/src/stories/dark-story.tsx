import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { type CSSProperties, useState } from 'react';

/** Dark theme, with the accent colour changed through a CSS variable. */
export function DarkStory() {
  // What the app would save: each finished upload's media id.
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        theme="dark"
        height={320}
        style={{ '--vod-accent': '#8ab4f8' } as CSSProperties}
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
