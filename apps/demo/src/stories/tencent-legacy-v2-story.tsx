import { VodUploader } from '@vod-uploader/react';
import { UploadedMedia, useUploadedItems } from '../uploaded-media.js';

/**
 * Tencent Cloud VOD on the legacy v2 API, with a cover: v2 gives no upload credential, so the
 * endpoint (here a second one, `/api/vod-v2`) signs each COS request of the session with the account
 * key, and commits with v2 CommitUpload.
 */
export function TencentLegacyV2Story() {
  const { items, onUploaded } = useUploadedItems();
  return (
    <>
      <VodUploader
        provider="tencent"
        endpoint="/api/vod-v2"
        height={280}
        allowCover
        onUploaded={onUploaded}
      />
      <UploadedMedia items={items} />
    </>
  );
}
