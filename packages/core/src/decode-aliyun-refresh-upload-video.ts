import { aliyunTargetOf } from './aliyun-target-of.js';
import { type AliyunUploadAddress, decodeUploadAddress } from './decode-aliyun-upload-address.js';
import type { AliyunDecodeOptions } from './decode-aliyun-upload-auth.js';
import { openAliyunResult } from './open-aliyun-result.js';
import type { AliyunUploadTarget } from './upload-target.js';

/**
 * Decodes Alibaba VOD `RefreshUploadVideo` (`{ VideoId, UploadAddress?, UploadAuth, RequestId }`)
 * into a new `AliyunUploadTarget` with the fresh credential. The refresh may omit `UploadAddress`
 * (the object does not move): then `previous`'s address is kept, and it is required.
 *
 * @throws `VodDecodeError` naming the field, or the cloud's refusal (e.g. `InvalidVideo.NotFound`).
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-refreshuploadvideo
 */
export function decodeAliyunRefreshUploadVideo(
  raw: unknown,
  previous?: AliyunUploadTarget,
  options?: AliyunDecodeOptions,
): AliyunUploadTarget {
  const reader = openAliyunResult(raw, 'UploadAuth');
  let address: AliyunUploadAddress;
  if (reader.value('UploadAddress') !== undefined && reader.value('UploadAddress') !== '') {
    address = decodeUploadAddress(reader);
  } else if (previous) {
    address = { endpoint: previous.endpoint, bucket: previous.bucket, objectKey: previous.objectKey };
  } else {
    throw reader.fail('UploadAddress', 'is missing and there is no previous target to keep it from');
  }
  const videoId = reader.optionalString('VideoId') ?? previous?.videoId;
  if (videoId === undefined) throw reader.fail('VideoId', 'is missing');
  return aliyunTargetOf(reader, { kind: 'video', videoId }, address, options, previous?.region);
}
