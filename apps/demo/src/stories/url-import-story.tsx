import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

type Cloud = 'tencent' | 'aliyun';

/** Import from a link: the cloud downloads the video itself. Tencent and Alibaba only. */
export function UrlImportStory() {
  const [provider, setProvider] = useState<Cloud>('tencent');
  // What the app would save: each finished import's media id (an import has no file), and its cover.
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
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
      <DemoSampleLinks />
      {/* A key per cloud: switching starts a fresh uploader. */}
      <VodUploader
        key={provider}
        provider={provider}
        endpoint="/api/vod"
        height={220}
        urlImport
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

/**
 * Demo only, not for an app: links the demo's server serves itself (`/_demo/media`), which the local
 * sandbox downloads (a real cloud could not reach them). `late.mp4` answers 404 the first time each
 * key is asked for, to try Retry.
 */
function DemoSampleLinks() {
  const [lateKey] = useState(() => Date.now());
  const media = `${window.location.origin}/_demo/media`;
  return (
    <>
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
    </>
  );
}
