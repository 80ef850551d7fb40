/**
 * A temporary Tencent credential (`TempCertificate` of VOD API 3.0 `ApplyUpload`), used to sign the
 * COS requests of one upload.
 */
export interface TempCredential {
  secretId: string;
  secretKey: string;
  /** Goes into `x-cos-security-token`. */
  token: string;
  /** When the credential stops working, epoch milliseconds (the cloud sends Unix seconds). */
  expiresAt: number;
}

/**
 * Where and how to upload one file to Tencent Cloud VOD: the COS bucket and object keys granted by
 * `ApplyUpload`, and the session to `CommitUpload` afterwards.
 */
export interface TencentUploadTarget {
  provider: 'tencent';
  /** COS bucket, already `name-APPID`. */
  bucket: string;
  /** COS region, e.g. `ap-guangzhou`. */
  region: string;
  /** Object key of the media, without the leading `/` the cloud sends. */
  mediaKey: string;
  /** Object key of the cover, without the leading `/`, when a cover was asked for. */
  coverKey?: string;
  /** Passed back to `CommitUpload`. */
  vodSessionKey: string;
  /** Absent for the legacy v2 API, which signs COS requests another way. */
  credential?: TempCredential;
  requestId?: string;
  /** True when the target came from the legacy v2 `ApplyUpload`. */
  legacy: boolean;
}

/** A temporary Alibaba Cloud STS credential (decoded from `UploadAuth`), used to sign OSS requests. */
export interface StsCredential {
  accessKeyId: string;
  accessKeySecret: string;
  /** Goes into `x-oss-security-token`. */
  securityToken: string;
  /** When the credential stops working, epoch milliseconds. */
  expiresAt: number;
}

/**
 * Where and how to upload one file to Alibaba Cloud VOD: the OSS object granted by
 * `CreateUploadVideo` / `RefreshUploadVideo` / `CreateUploadImage`.
 */
export interface AliyunUploadTarget {
  provider: 'aliyun';
  kind: 'video' | 'image';
  /** Set when `kind` is `video`. */
  videoId?: string;
  /** Set when `kind` is `image`. */
  imageId?: string;
  /** The image's public URL (`ImageURL`), for images. */
  imageUrl?: string;
  /** The OSS URL of the object (`FileURL`), for images. */
  fileUrl?: string;
  /** OSS endpoint, always with a scheme, e.g. `https://oss-cn-shanghai.aliyuncs.com`. */
  endpoint: string;
  bucket: string;
  objectKey: string;
  /** Region, e.g. `cn-shanghai`. */
  region: string;
  credential: StsCredential;
  requestId?: string;
}
