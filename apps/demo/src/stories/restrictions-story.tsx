import { VodUploader } from '@vod-uploader/react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/** Videos only, at most 2 files of 50 MB and 5 seconds each (the 6-second sample is refused). */
export function RestrictionsStory() {
  const { items, onUploaded } = useUploadedItems();
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod"
        height={320}
        note="Videos only, up to 2 files, 50 MB and 5 seconds each"
        restrictions={{
          allowedFileTypes: ['video/*'],
          maxFileSize: 50 * 1024 * 1024,
          maxNumberOfFiles: 2,
          maxDuration: 5,
        }}
        onUploaded={onUploaded}
      />
      <UploadedMedia items={items} />
    </>
  );
}
