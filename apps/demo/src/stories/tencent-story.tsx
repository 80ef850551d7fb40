import { VodUploader } from '@vod-uploader/react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/** Tencent Cloud VOD, inline Dashboard, the user presses Upload. */
export function TencentStory() {
  const { items, onUploaded } = useUploadedItems();
  return (
    <>
      <VodUploader provider="tencent" endpoint="/api/vod" height={320} onUploaded={onUploaded} />
      <UploadedMedia items={items} />
    </>
  );
}
