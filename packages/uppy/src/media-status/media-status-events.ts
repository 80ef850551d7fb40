import type { Body, Meta, UppyFile } from '@uppy/core';
import type { MediaStatus, VodUploadError } from '@vod-uploader/core';

declare module '@uppy/core' {
  export interface UppyEventMap<M extends Meta, B extends Body> {
    /**
     * Where an uploaded file's media stands in the cloud (`attachMediaStatus`): `processing` at
     * once after the upload and at each read (with the cloud's stage when it says one), then
     * `ready` or `failed`.
     */
    'vod:media-status': (file: UppyFile<M, B> | undefined, status: MediaStatus) => void;
    /**
     * Following a media ended without `ready`: `processing_failed` (the cloud's reason),
     * `processing_timeout`, or the status route's own error. The upload itself stays successful.
     */
    'vod:media-error': (file: UppyFile<M, B> | undefined, error: VodUploadError) => void;
  }
}
