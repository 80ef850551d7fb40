import { VodUploader } from '@vod-uploader/react';

/** The credential endpoint does not answer (the demo server drops every connection to this path). */
export function EndpointDownStory() {
  return <VodUploader provider="tencent" endpoint="/api/vod-down" height={280} autoProceed />;
}
