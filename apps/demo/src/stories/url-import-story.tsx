import { VodUploader } from '@vod-uploader/react';
import { useState } from 'react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

type Cloud = 'tencent' | 'aliyun';

/** Import from a link: the cloud downloads the video itself. Tencent and Alibaba only. */
export function UrlImportStory() {
  const [provider, setProvider] = useState<Cloud>('tencent');
  const { items, onUploaded } = useUploadedItems();
  const [lateKey] = useState(() => Date.now());
  // The demo serves these itself; the local sandbox downloads them (a real cloud could not reach them).
  const media = `${window.location.origin}/_demo/media`;
  return (
    <>
      <fieldset className="cloud-choice">
        <legend>Cloud</legend>
        {(['tencent', 'aliyun'] as const).map((cloud) => (
          <label key={cloud}>
            <input
              type="radio"
              name="cloud"
              value={cloud}
              checked={provider === cloud}
              onChange={() => setProvider(cloud)}
            />
            {cloud === 'tencent' ? 'Tencent Cloud VOD' : 'Alibaba Cloud VOD'}
          </label>
        ))}
      </fieldset>
      <p>Links to try:</p>
      <ul className="sample-links">
        <li>
          A video: <code>{`${media}/sample.mp4`}</code> (cover: <code>{`${media}/cover.jpg`}</code>)
        </li>
        <li>
          Not published yet, there after a Retry: <code>{`${media}/late.mp4?key=${lateKey}`}</code>
        </li>
        <li>
          Missing: <code>{`${media}/missing.mp4`}</code>
        </li>
        <li>
          Refused before any cloud call: <code>ftp://example.com/a.mp4</code>
        </li>
      </ul>
      {/* A key per cloud: switching starts a fresh uploader. */}
      <VodUploader
        key={provider}
        provider={provider}
        endpoint="/api/vod"
        height={220}
        urlImport
        onUploaded={onUploaded}
      />
      <UploadedMedia items={items} />
    </>
  );
}
