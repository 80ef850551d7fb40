import { VodUploader } from '@vod-uploader/react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/** Choose a cover image for each video before uploading; it is stored with the video. */
export function CoverStory() {
  const { items, onUploaded } = useUploadedItems();
  return (
    <>
      <VodUploader provider="tencent" endpoint="/api/vod" height={280} allowCover onUploaded={onUploaded} />
      <UploadedMedia items={items} />
    </>
  );
}
