import { VodUploader } from '@vod-uploader/react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/** Every string in Simplified Chinese: Uppy's (from @uppy/locales) and ours. */
export function ZhCnStory() {
  const { items, onUploaded } = useUploadedItems();
  return (
    <div lang="zh-CN">
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        locale="zh-CN"
        height={320}
        restrictions={{ maxDuration: 5 }}
        onUploaded={onUploaded}
      />
      <UploadedMedia items={items} title="已上传" />
    </div>
  );
}
