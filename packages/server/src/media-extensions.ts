/**
 * Default media extensions: video and audio formats both clouds transcode.
 * @see https://cloud.tencent.com/document/product/266/9760 (Tencent VOD media types)
 * @see https://help.aliyun.com/zh/vod/user-guide/overview-3 (ApsaraVideo VOD formats)
 */
export const DEFAULT_MEDIA_EXTENSIONS: readonly string[] = [
  'mp4',
  'mov',
  'm4v',
  'webm',
  'mkv',
  'flv',
  'f4v',
  'avi',
  'wmv',
  'asf',
  'mpg',
  'mpeg',
  'ts',
  'mts',
  'm2ts',
  '3gp',
  'ogv',
  'rm',
  'rmvb',
  'vob',
  'm3u8',
  'mp3',
  'm4a',
  'aac',
  'wav',
  'flac',
  'ogg',
  'wma',
  'ac3',
  'amr',
  'opus',
];

/** Default cover/image extensions. Alibaba's `CreateUploadImage` takes only png, jpg, jpeg and gif. */
export const DEFAULT_IMAGE_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'gif', 'webp'];

/** Extensions `CreateUploadImage` accepts. @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadimage */
export const ALIYUN_IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'gif'];

/** Lower-case extension of a file name or URL path (`video.MP4` → `mp4`), or '' when none. */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
