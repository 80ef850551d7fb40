import {
  normalizeMediaExtension,
  SUPPORTED_IMAGE_EXTENSIONS,
  SUPPORTED_VIDEO_EXTENSIONS,
} from '@vod-uploader/core';

/**
 * Every media extension some provider accepts by default (one list, in core). The policy's default
 * for one provider is narrower: `supportedVideoExtensions(provider)` drops what its cloud refuses.
 * @see https://cloud.tencent.com/document/product/266/9760 (Tencent VOD media types)
 * @see https://help.aliyun.com/zh/vod/user-guide/overview-3 (ApsaraVideo VOD formats)
 */
export const DEFAULT_MEDIA_EXTENSIONS: readonly string[] = SUPPORTED_VIDEO_EXTENSIONS;

/** Default cover/image extensions (core's list). */
export const DEFAULT_IMAGE_EXTENSIONS: readonly string[] = SUPPORTED_IMAGE_EXTENSIONS;

/** Extensions `CreateUploadImage` accepts. @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadimage */
export const ALIYUN_IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'gif'];

/** Lower-case extension of a file name or URL path (`video.MP4` → `mp4`), or '' when none. */
export function extensionOf(name: string): string {
  return normalizeMediaExtension(name) ?? '';
}
