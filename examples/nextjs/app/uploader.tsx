'use client';

import { type ProviderKey, VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

/** `<VodUploader />` runs in the browser: a client component, fed by the server-rendered page. */
export function Uploader({ provider }: { provider: ProviderKey }) {
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  return (
    <>
      <VodUploader
        provider={provider}
        endpoint="/api/vod"
        onUploaded={(media) => setUploaded((list) => [...list, media])}
      />
      <ul>
        {uploaded.map((media) => (
          <li key={media.id} data-testid="uploaded" data-provider={media.provider}>
            {media.provider}: <code>{media.id}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
