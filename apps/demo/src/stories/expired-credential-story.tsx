import { VodUploader } from '@vod-uploader/react';
import { useState } from 'react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/**
 * Press "Expire the next credential", then upload: the sandbox expires the temporary credential the
 * endpoint hands out, so the cloud answers 403. The engine starts again with a new credential
 * (Alibaba: refreshes it) and the uploader tells the user, in a notice, not an error.
 */
export function ExpiredCredentialStory() {
  const { items, onUploaded } = useUploadedItems();
  const [armed, setArmed] = useState(false);
  const arm = async () => {
    await fetch('/_demo/expire-next-credential', { method: 'POST' });
    setArmed(true);
  };
  return (
    <>
      <p>
        <button type="button" onClick={arm} disabled={armed}>
          Expire the next credential
        </button>{' '}
        {armed && <span>The next credential will arrive already expired.</span>}
      </p>
      <VodUploader provider="tencent" endpoint="/api/vod" height={280} onUploaded={onUploaded} />
      <UploadedMedia items={items} />
    </>
  );
}
