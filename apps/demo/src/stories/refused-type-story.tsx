import { VodUploader } from '@vod-uploader/react';

/**
 * No restriction in the browser: choose an image and the endpoint's policy refuses it (only video
 * and audio types are accepted as media). Set `restrictions` to refuse it before any request.
 */
export function RefusedTypeStory() {
  return <VodUploader provider="tencent" endpoint="/api/vod" height={280} autoProceed />;
}
