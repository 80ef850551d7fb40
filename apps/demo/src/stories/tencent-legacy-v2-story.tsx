import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

/**
 * Tencent Cloud VOD on the legacy v2 API, with a cover: v2 gives no upload credential, so the
 * endpoint (here a second one, `/api/vod-v2`) signs each COS request of the session with the account
 * key, and commits with v2 CommitUpload.
 */
export function TencentLegacyV2Story() {
  // What the app would save: each finished upload's media id (FileId), and where its cover is.
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod-v2"
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
