/**
 * The state of a cloud-side URL import (Tencent `PullUpload`, Alibaba `UploadMediaByURL`), decoded
 * from the clouds' task APIs into one shape.
 */
export interface UrlImportStatus {
  state: 'waiting' | 'processing' | 'succeeded' | 'failed';
  /** Tencent `FileId` or Alibaba `MediaId`, once known. */
  mediaId?: string;
  /** The cloud's words about a failure. */
  message?: string;
  /** The cloud's own error code for a failure. */
  cloudCode?: string;
}
