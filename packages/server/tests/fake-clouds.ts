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
      completeMultipartUpload: async () => ({ eTag: '"etag-2"' }),
    },
  };
}

/**
 * A Tencent layer whose sessions commit by name: ApplyUpload's `VodSessionKey` is the `MediaName`,
 * and a session key always commits to the same FileId (`file-<key>`), as a retried commit would.
 * `actions` sees every action called.
 */
export function committingTencent(actions: string[] = []): TencentCloud {
  return {
    ...fakeClouds().tencent,
    call: async (action, params) => {
      actions.push(action);
      return action === 'ApplyUpload'
        ? { VodSessionKey: String(params.MediaName), RequestId: 'r' }
        : { FileId: `file-${String(params.VodSessionKey)}`, RequestId: 'r' };
    },
  };
}
