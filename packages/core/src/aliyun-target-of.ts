import { type AliyunUploadAddress, decodeUploadAddress, regionOf } from './decode-aliyun-upload-address.js';
import { type AliyunDecodeOptions, decodeUploadAuth } from './decode-aliyun-upload-auth.js';
import type { FieldReader } from './field-reader.js';
import { openAliyunResult } from './open-aliyun-result.js';
import type { AliyunUploadTarget } from './upload-target.js';

/** Optional answer fields copied onto a target as they are. */
const COPIED = [
  ['RequestId', 'requestId'],
  ['ImageURL', 'imageUrl'],
  ['FileURL', 'fileUrl'],
] as const;

/**
 * The target an upload-applying Alibaba call answers (CreateUploadVideo, RefreshUploadVideo,
 * CreateUploadImage): the media's identity and OSS address, the credential and region of its
 * `UploadAuth` (else `knownRegion`, else the endpoint's), and its `RequestId` (`ImageURL`, `FileURL`
 * for an image). One builder, so the three decoders cannot drift apart.
 */
export function aliyunTargetOf(
  reader: FieldReader,
  identity: Pick<AliyunUploadTarget, 'kind' | 'videoId' | 'imageId'>,
  address: AliyunUploadAddress,
  options: AliyunDecodeOptions | undefined,
  knownRegion?: string,
): AliyunUploadTarget {
  const { credential, region } = decodeUploadAuth(reader, options);
  const target: AliyunUploadTarget = {
    provider: 'aliyun',
    ...identity,
    ...address,
    region: regionOf(reader, region ?? knownRegion, address.endpoint),
    credential,
  };
  for (const [field, key] of identity.kind === 'image' ? COPIED : COPIED.slice(0, 1)) {
    const value = reader.optionalString(field);
    if (value !== undefined) target[key] = value;
  }
  return target;
}

/** Decodes the answer of CreateUploadVideo (`kind` video, id `VideoId`) or CreateUploadImage (`ImageId`). */
export function decodeCreatedTarget(
  raw: unknown,
  kind: AliyunUploadTarget['kind'],
  options: AliyunDecodeOptions | undefined,
): AliyunUploadTarget {
  const idField = kind === 'video' ? 'VideoId' : 'ImageId';
  const reader = openAliyunResult(raw, idField);
  const id = reader.string(idField);
  const identity = kind === 'video' ? { kind, videoId: id } : { kind, imageId: id };
  return aliyunTargetOf(reader, identity, decodeUploadAddress(reader), options);
}
