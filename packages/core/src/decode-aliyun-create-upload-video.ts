import { decodeCreatedTarget } from './aliyun-target-of.js';
import type { AliyunDecodeOptions } from './decode-aliyun-upload-auth.js';
import type { AliyunUploadTarget } from './upload-target.js';

/**
 * Decodes Alibaba VOD `CreateUploadVideo` (`{ VideoId, UploadAddress, UploadAuth, RequestId }`, the
 * last two base64 JSON) into an `AliyunUploadTarget` of kind `video`.
 *
 * @throws `VodDecodeError` naming the field (e.g. `UploadAuth.AccessKeySecret`, or `UploadAddress`
 *   when it is not base64 JSON), or the cloud's refusal for an error envelope `{ Code, Message }`.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadvideo
 * @example
 * const target = decodeAliyunCreateUploadVideo(result, { now: skew.now() });
 */
export function decodeAliyunCreateUploadVideo(
  raw: unknown,
  options?: AliyunDecodeOptions,
): AliyunUploadTarget {
  return decodeCreatedTarget(raw, 'video', options);
}
