import '@vod-uploader/react/styles.css'; // once per app, e.g. beside its entry
import { VodUploader, type VodUploadResult } from '@vod-uploader/react';
import { useState } from 'react';

/** Every string in Simplified Chinese: Uppy's (from @uppy/locales) and ours. */
export function ZhCnStory() {
  // What the app would save: each finished upload's media id (FileId).
  const [uploaded, setUploaded] = useState<VodUploadResult[]>([]);
  return (
    <div lang="zh-CN">
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        locale="zh-CN"
        height={320}
        restrictions={{ maxDuration: 5 }}
        onUploaded={(result) => setUploaded((list) => [...list, result])}
      />
      <ul className="uploaded" aria-label="已上传">
        {uploaded.map((media) => (
          <li key={media.id} data-testid="uploaded-item" data-provider={media.provider}>
            <span>
              媒体 ID：<code data-testid="media-id">{media.id}</code>
            </span>
            {media.url && <a href={media.url}>{media.url}</a>}
          </li>
        ))}
      </ul>
    </div>
  );
}
