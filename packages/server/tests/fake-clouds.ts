import type { AliyunCloud, S3Cloud, TencentCloud } from '@vod-uploader/server';

/** Deterministic cloud layers: the same request always gets the same answer. */
export function fakeClouds(): { tencent: TencentCloud; aliyun: AliyunCloud; s3: S3Cloud } {
  return {
    tencent: {
      call: async (action, params) => ({ Action: action, Echo: params, RequestId: 'tencent-req' }),
      applyUploadV2: async (params) => ({ code: 0, echo: params }),
    },
    aliyun: {
      call: async (action, params) => ({ Action: action, Echo: params, RequestId: 'aliyun-req' }),
    },
    s3: {
      presign: async (operation) => `https://s3.test/${operation.kind}/${operation.key}?X-Amz-Signature=fake`,
      headObject: async (key) => ({ key, size: 42, eTag: '"etag"' }),
      deleteObject: async () => {},
    },
  };
}
