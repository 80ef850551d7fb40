import type { Body, Meta, UppyFile } from '@uppy/core';
import type { VodUploadResult } from '@vod-uploader/core';
import type { UploadProgress } from './progress-reporter.js';

/** Codes of the warnings an uploader emits as `vod:warning`. */
export type VodWarningCode =
  /** At the measured speed, the temporary credential expires before the upload can finish. */
  | 'credential_may_expire'
  /** The credential expired during the upload; it starts again with a new one (Tencent). */
  | 'credential_expired_restarting'
  /** The credential was refreshed and the upload continues (Alibaba). */
  | 'credential_refreshed'
  /**
   * The saved progress of this file was another sign-in's (its ticket names another user): it is
   * left alone and the file is uploaded anew, as this user's.
   */
  | 'checkpoint_not_yours'
  /**
   * The bucket answered no checksum (its CORS rules do not expose `x-cos-hash-crc64ecma` /
   * `x-oss-hash-crc64ecma`): the upload goes on, unverified, and its result carries no `checksum`.
   */
  | 'integrity_unverified';

/** A warning about one file's upload. */
export interface VodWarning {
  code: VodWarningCode;
  message: string;
}

declare module '@uppy/core' {
  export interface UppyEventMap<M extends Meta, B extends Body> {
    /**
     * A file is stored in the cloud: its typed result (id, URLs, checksum), the channel front ends read
     * (Uppy's `upload-success` carries the same object as `response.body`, for apps on Uppy alone).
     */
    'vod:uploaded': (file: UppyFile<M, B> | undefined, result: VodUploadResult) => void;
    /** Something the user should know that does not fail the upload (also shown with `uppy.info`). */
    'vod:warning': (file: UppyFile<M, B> | undefined, warning: VodWarning) => void;
    /** Byte-level progress with speed and ETA, at least 4 times a second while bytes flow. */
    'vod:progress': (file: UppyFile<M, B> | undefined, progress: UploadProgress) => void;
    /**
     * A part was sent again because the bucket's checksum of what it received did not match the
     * file's (`resends`: how many times this part was re-sent so far, at most 3).
     */
    'vod:part-resent': (
      file: UppyFile<M, B> | undefined,
      resent: { partNumber: number; resends: number },
    ) => void;
    /** A cancelled or removed file's multipart upload was aborted on the bucket (or that failed). */
    'vod:cancelled': (fileID: string, outcome: { abortedOnBucket: boolean }) => void;
  }
}
