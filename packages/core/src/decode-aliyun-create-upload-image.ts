import { aliyunTargetOf } from './aliyun-target-of.js';
import { decodeUploadAddress } from './decode-aliyun-upload-address.js';
import type { AliyunDecodeOptions } from './decode-aliyun-upload-auth.js';
import { openAliyunResult } from './open-aliyun-result.js';
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
  const reader = openAliyunResult(raw, 'ImageId');
  const imageId = reader.string('ImageId');
  return aliyunTargetOf(reader, { kind: 'image', imageId }, decodeUploadAddress(reader), options);
}
