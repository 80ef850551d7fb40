import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

type Cloud = 'tencent' | 'aliyun';

/**
 * Choose a cover image for each video before uploading; it is stored with the video (Tencent: in the
 * same upload session; Alibaba: as a cover image the endpoint sets as the video's `CoverURL`).
 */
export function CoverStory() {
  const [provider, setProvider] = useState<Cloud>('tencent');
  // What the app would save: each finished upload's media id, and where its cover is.
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  return (
    <>
      <fieldset className="cloud-choice">
        <legend>Cloud</legend>
        {(['tencent', 'aliyun'] as const).map((cloud) => (
          <label key={cloud}>
            <input
              type="radio"
              name="cover-cloud"
              value={cloud}
              checked={provider === cloud}
              onChange={() => setProvider(cloud)}
            />
            {cloud === 'tencent' ? 'Tencent Cloud VOD' : 'Alibaba Cloud VOD'}
          </label>
        ))}
      </fieldset>
      {/* A key per cloud: switching starts a fresh uploader. */}
      <VodUploader
        key={provider}
        provider={provider}
        endpoint="/api/vod"
        height={280}
        allowCover
        onUploaded={(result) => setUploaded((list) => [...list, result])}
      />
      <ul className="uploaded" aria-label="Uploaded">
        {uploaded.map((media) => (
          <li key={media.id} data-testid="uploaded-item" data-provider={media.provider}>
            <span>
              Media ID: <code data-testid="media-id">{media.id}</code>
            </span>
            {media.url && <a href={media.url}>{media.url}</a>}
            {media.coverUrl && <a href={media.coverUrl}>Cover</a>}
          </li>
        ))}
      </ul>
    </>
  );
}
