import { VodUploader } from '@vod-uploader/react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/** Any S3-compatible store (AWS S3, MinIO, R2…): the endpoint presigns, the browser uploads. */
export function S3Story() {
  const { items, onUploaded } = useUploadedItems();
  return (
    <>
      <VodUploader provider="s3" endpoint="/api/vod" height={320} onUploaded={onUploaded} />
      <UploadedMedia items={items} />
    </>
  );
}
