import { VodUploader } from '@vod-uploader/react';
import { useState } from 'react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

type Cloud = 'tencent' | 'aliyun';

/**
 * Choose a cover image for each video before uploading; it is stored with the video (Tencent: in the
 * same upload session; Alibaba: as a cover image the endpoint sets as the video's `CoverURL`).
 */
export function CoverStory() {
  const [provider, setProvider] = useState<Cloud>('tencent');
  const { items, onUploaded } = useUploadedItems();
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
        onUploaded={onUploaded}
      />
      <UploadedMedia items={items} />
    </>
  );
}
