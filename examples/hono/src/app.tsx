import { type ProviderKey, VodUploader, type VodUploadResult } from '@vod-uploader/react';
import '@vod-uploader/react/styles.css';
import { useState } from 'react';

const PROVIDERS: ProviderKey[] = ['tencent', 'aliyun', 's3'];

/** One uploader; `?provider=aliyun` (or the select) picks the cloud. */
export function App() {
  const [provider, setProvider] = useState<ProviderKey>(() => {
    const asked = new URLSearchParams(location.search).get('provider');
    return PROVIDERS.find((p) => p === asked) ?? 'tencent';
  });
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  return (
    <main style={{ maxWidth: 760, margin: '2rem auto', fontFamily: 'system-ui' }}>
      <h1>Upload a video</h1>
      <label>
        Cloud{' '}
        <select value={provider} onChange={(event) => setProvider(event.target.value as ProviderKey)}>
          {PROVIDERS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <VodUploader
        key={provider}
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
    </main>
  );
}
