import { VodUploader } from '@vod-uploader/react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/** Alibaba Cloud ApsaraVideo VOD; uploads start as soon as a file is chosen. */
export function AliyunStory() {
  const { items, onUploaded } = useUploadedItems();
  return (
    <>
      <VodUploader provider="aliyun" endpoint="/api/vod" height={320} autoProceed onUploaded={onUploaded} />
      <UploadedMedia items={items} />
    </>
  );
}
