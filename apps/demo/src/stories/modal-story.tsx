import { VodUploader } from '@vod-uploader/react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/** The same uploader in a modal dialog, opened by a button (Escape closes it). */
export function ModalStory() {
  const { items, onUploaded } = useUploadedItems();
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        mode="modal"
        openLabel="Upload a video"
        onUploaded={onUploaded}
      />
      <UploadedMedia items={items} />
    </>
  );
}
