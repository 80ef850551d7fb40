/**
 * TEMPORARY (issue #5): local stand-ins for helpers that `@vod-uploader/core` is about to export
 * (`backoffDelay`, `isRetryableStatus`, `ClockSkew`, `ProgressMeter`, `fileFingerprint`, `pickPartSize`).
 * They were not in core when the uploaders were written; each is replaced by the core export as it
 * lands. Nothing outside packages/uppy/src/shared may import this file.
 */
import { VodDecodeError, vodError } from '@vod-uploader/core';

/** Exponential backoff with full jitter: attempt 0 → up to `baseMs`, doubling up to `maxMs`. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  // Half fixed, half random ("equal jitter"): never 0, and parallel parts do not retry in lockstep.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** HTTP statuses worth retrying: request timeout, too many requests, and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** The browser clock's offset from the cloud's, measured from the endpoint's `serverTime`. */
export class ClockSkew {
  offsetMs = 0;
  /** Records a server time seen between `sentAt` and `receivedAt` (local epoch ms). */
  observe(serverTime: number, sentAt: number, receivedAt: number): void {
    if (!Number.isFinite(serverTime)) return;
    this.offsetMs = Math.round(serverTime - (sentAt + receivedAt) / 2);
  }
  /** The corrected current time (epoch ms). */
  now(localNow = Date.now()): number {
    return localNow + this.offsetMs;
  }
}

/** A stable key for a file: same name, size and modification time after a reload. */
export function fileFingerprint(file: { name: string; size: number; lastModified: number }): string {
  return `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
}

const MiB = 1024 * 1024;

/** A part size that keeps `size` within `maxParts` parts, never below `minPartSize`. */
export function pickPartSize(
  size: number,
  preferred: number,
  maxParts = 10_000,
  minPartSize = 5 * MiB,
): number {
  const atLeast = Math.max(preferred, minPartSize, Math.ceil(size / maxParts));
  return Math.ceil(atLeast / MiB) * MiB;
}

/** What a finished upload gives back: the cloud's media id (and URLs when the cloud reports them). */
export interface VodUploadResult {
  provider: 'tencent' | 'aliyun' | 's3';
  /** Tencent `FileId`, Alibaba `VideoId`/`ImageId`, S3 object key. */
  id: string;
  url?: string;
  coverUrl?: string;
}

/** TEMPORARY: the decoded Tencent ApplyUpload result (core's `TencentUploadTarget` replaces it). */
export interface TencentUploadTarget {
  provider: 'tencent';
  bucket: string;
  region: string;
  /** Object key of the media, without the leading `/`. */
  mediaKey: string;
  coverKey?: string;
  vodSessionKey: string;
  credential: { secretId: string; secretKey: string; token: string; expiresAt: number };
  requestId?: string;
}

function field(
  value: unknown,
  path: string,
  kind: 'string' | 'number',
  provider: 'tencent' | 'aliyun',
): never | void {
  if (typeof value !== kind || value === '') {
    throw new VodDecodeError('decode_failed', `The cloud's answer has no valid ${path}.`, {
      provider,
      field: path,
    });
  }
}

/** TEMPORARY: decodes `{ Response: ApplyUpload }` (API 3.0). */
export function decodeTencentApplyUpload(raw: unknown): TencentUploadTarget {
  const response = (raw as { Response?: Record<string, unknown> } | undefined)?.Response;
  if (!response || typeof response !== 'object') {
    throw new VodDecodeError('decode_failed', 'The ApplyUpload answer has no Response.', {
      provider: 'tencent',
      field: 'Response',
    });
  }
  const error = response.Error as { Code?: string; Message?: string } | undefined;
  if (error) {
    throw vodError('cloud_refused', `ApplyUpload failed: ${error.Code}: ${error.Message}`, {
      provider: 'tencent',
      cloudCode: error.Code,
      requestId: response.RequestId as string | undefined,
    });
  }
  const cert = (response.TempCertificate ?? {}) as Record<string, unknown>;
  field(response.StorageBucket, 'Response.StorageBucket', 'string', 'tencent');
  field(response.StorageRegion, 'Response.StorageRegion', 'string', 'tencent');
  field(response.MediaStoragePath, 'Response.MediaStoragePath', 'string', 'tencent');
  field(response.VodSessionKey, 'Response.VodSessionKey', 'string', 'tencent');
  field(cert.SecretId, 'Response.TempCertificate.SecretId', 'string', 'tencent');
  field(cert.SecretKey, 'Response.TempCertificate.SecretKey', 'string', 'tencent');
  field(cert.Token, 'Response.TempCertificate.Token', 'string', 'tencent');
  field(cert.ExpiredTime, 'Response.TempCertificate.ExpiredTime', 'number', 'tencent');
  const strip = (path: string) => path.replace(/^\/+/, '');
  return {
    provider: 'tencent',
    bucket: response.StorageBucket as string,
    region: response.StorageRegion as string,
    mediaKey: strip(response.MediaStoragePath as string),
    coverKey:
      typeof response.CoverStoragePath === 'string' && response.CoverStoragePath
        ? strip(response.CoverStoragePath)
        : undefined,
    vodSessionKey: response.VodSessionKey as string,
    credential: {
      secretId: cert.SecretId as string,
      secretKey: cert.SecretKey as string,
      token: cert.Token as string,
      expiresAt: (cert.ExpiredTime as number) * 1000,
    },
    requestId: response.RequestId as string | undefined,
  };
}

/** TEMPORARY: decodes `{ Response: CommitUpload }`. */
export function decodeTencentCommitUpload(raw: unknown): {
  fileId: string;
  mediaUrl?: string;
  coverUrl?: string;
} {
  const response = (raw as { Response?: Record<string, unknown> } | undefined)?.Response;
  const error = response?.Error as { Code?: string; Message?: string } | undefined;
  if (error) {
    throw vodError('cloud_refused', `CommitUpload failed: ${error.Code}: ${error.Message}`, {
      provider: 'tencent',
      cloudCode: error.Code,
      requestId: response?.RequestId as string | undefined,
    });
  }
  field(response?.FileId, 'Response.FileId', 'string', 'tencent');
  return {
    fileId: response?.FileId as string,
    mediaUrl: (response?.MediaUrl as string | undefined) || undefined,
    coverUrl: (response?.CoverUrl as string | undefined) || undefined,
  };
}
