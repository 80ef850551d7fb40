import type { RequestRecord } from '@vod-uploader/sandbox';

/**
 * The objects that a stretch of the sandbox's request log (`GET /_sandbox/log?since=…`) wrote to COS,
 * OSS or S3 — a single PUT or a completed multipart upload, answered 200 — each once, in log order.
 * What a test counts to show that one upload stored one object (no duplicate after a retry or resume).
 */
export function objectsWritten(
  records: readonly Pick<RequestRecord, 'api' | 'action' | 'bucket' | 'key' | 'status'>[],
): { bucket: string; key: string }[] {
  const written = new Map<string, { bucket: string; key: string }>();
  for (const { api, action, bucket, key, status } of records) {
    if (!bucket || !key || status !== 200 || !['cos', 'oss', 's3'].includes(api ?? '')) continue;
    if (action === 'PutObject' || action === 'CompleteMultipartUpload')
      written.set(`${bucket}/${key}`, { bucket, key });
  }
  return [...written.values()];
}
