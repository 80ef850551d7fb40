import type { ProviderKey } from './provider.js';

/** What an app receives once a file is stored in the cloud. */
export interface VodUploadResult {
  provider: ProviderKey;
  /** Tencent `FileId`, Alibaba `VideoId`/`ImageId`, or the S3 object key. */
  id: string;
  /** Where the media can be fetched, when the cloud says so. */
  url?: string;
  /** The uploaded cover's URL, when a cover was uploaded. */
  coverUrl?: string;
  /** A poster/snapshot URL, when the cloud makes one. */
  posterUrl?: string;
  /** The cloud's own result, untouched, for fields this type does not carry. */
  raw?: unknown;
}
