import type { RequestRecord } from '../../../packages/uppy/tests/support/sandbox-admin.js';

/** A sandbox log record with the error code the sandbox's own log carries. */
export type LogRecord = RequestRecord & { errorCode?: string };

/** A provider key, as everywhere in vod-uploader. */
export type Provider = 'tencent' | 'aliyun' | 's3';

/** How to read one provider's uploads out of the sandbox request log. */
export interface ProviderCase {
  provider: Provider;
  /**
   * Part size for the matrix: small, so a 24 MiB file has several parts for faults to hit (COS and
   * OSS take 1 MiB parts and up; S3 5 MiB).
   */
  partSize: number;
  /** The endpoint route that starts an upload (where the bad-input matrix corrupts the answer). */
  createRoute: string;
  /** Media records the cloud created in `log` that a user would see in their library. */
  mediaCreated(log: LogRecord[]): number;
}

const MiB = 1024 * 1024;
const ok = (r: LogRecord) => r.status === 200 && !r.errorCode;
const storedKeys = (log: LogRecord[]) =>
  new Set(
    log
      .filter((r) => (r.action === 'PutObject' || r.action === 'CompleteMultipartUpload') && ok(r))
      .map((r) => `${r.bucket}/${r.key}`),
  ).size;

/** The three providers, each counted the way its cloud creates media. */
export const providerCases: ProviderCase[] = [
  {
    provider: 'tencent',
    partSize: 2 * MiB,
    createRoute: '/api/vod/tencent/apply-upload',
    // A VOD media exists once CommitUpload succeeds; an ApplyUpload alone leaves nothing in the library.
    mediaCreated: (log) => log.filter((r) => r.action === 'CommitUpload' && ok(r)).length,
  },
  {
    provider: 'aliyun',
    partSize: 2 * MiB,
    createRoute: '/api/vod/aliyun/create-upload-video',
    // CreateUploadVideo makes a video record at once (status "Uploading"): each extra one is a duplicate.
    mediaCreated: (log) => log.filter((r) => r.action === 'CreateUploadVideo' && ok(r)).length,
  },
  {
    provider: 's3',
    partSize: 5 * MiB,
    createRoute: '/api/vod/s3/sign',
    // In S3 the object is the media.
    mediaCreated: storedKeys,
  },
];
