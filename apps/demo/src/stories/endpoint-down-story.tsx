import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader } from '@vod-uploader/react';
import { useState } from 'react';

/** The credential endpoint does not answer (the demo server drops every connection to this path). */
export function EndpointDownStory() {
  const [code, setCode] = useState<string>();
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod-down"
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
