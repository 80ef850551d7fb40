import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

/**
 * Press "Expire the next credential", then upload: the sandbox expires the temporary credential the
 * endpoint hands out, so the cloud answers 403. The engine starts again with a new credential
 * (Alibaba: refreshes it) and the uploader tells the user, in a notice, not an error.
 */
export function ExpiredCredentialStory() {
  // What the app would save: each finished upload's media id.
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  return (
    <>
      <ExpireNextCredentialButton />
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        height={280}
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

/**
 * Demo only, not for an app: a fault control of the demo's server (`/_demo/expire-next-credential`
 * asks the local sandbox to expire the next credential). A real cloud's credentials expire by
 * themselves; the uploader above needs nothing to handle it.
 */
function ExpireNextCredentialButton() {
  const [armed, setArmed] = useState(false);
  const arm = async () => {
    await fetch('/_demo/expire-next-credential', { method: 'POST' });
    setArmed(true);
  };
  return (
    <p>
      <button type="button" onClick={arm} disabled={armed}>
        Expire the next credential
      </button>{' '}
      {armed && <span>The next credential will arrive already expired.</span>}
    </p>
  );
}
