import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader } from '@vod-uploader/react';
import { useState } from 'react';

/**
 * No restriction in the browser: choose an image and the endpoint's policy refuses it (only video
 * and audio types are accepted as media). Set `restrictions` to refuse it before any request.
 */
export function RefusedTypeStory() {
  const [code, setCode] = useState<string>();
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        height={280}
        autoProceed
        onError={(error) => setCode(error.code)}
      />
      {code && (
        <p>
          <code>onError</code> received <code data-testid="error-code">{code}</code>
        </p>
      )}
    </>
  );
}
