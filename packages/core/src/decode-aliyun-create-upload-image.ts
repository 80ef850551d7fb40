import { decodeCreatedTarget } from './aliyun-target-of.js';
import type { AliyunDecodeOptions } from './decode-aliyun-upload-auth.js';
import type { AliyunUploadTarget } from './upload-target.js';

/**
 * Decodes Alibaba VOD `CreateUploadImage` (`{ ImageId, ImageURL, FileURL, UploadAddress, UploadAuth,
 * RequestId }`) into an `AliyunUploadTarget` of kind `image`. Image credentials cannot be refreshed:
 * call `CreateUploadImage` again when they expire.
 *
 * @throws `VodDecodeError` naming the field, or the cloud's refusal for an error envelope.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadimage
 */
export function decodeAliyunCreateUploadImage(
  raw: unknown,
  options?: AliyunDecodeOptions,
): AliyunUploadTarget {
  return decodeCreatedTarget(raw, 'image', options);
}
