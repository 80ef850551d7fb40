import type { ProviderKey } from './provider.js';

/**
 * Media extensions both the clouds' VOD upload APIs accept (Tencent `MediaType`, Alibaba
 * `FileName`): one list, used by the endpoint's policy and by the browser's file picker alike.
 * Audio is included because both VOD services store audio as media.
 * @see https://cloud.tencent.com/document/product/266/9760 (Tencent VOD media types)
 * @see https://help.aliyun.com/zh/vod/user-guide/overview-7 (Alibaba VOD formats)
 */
export const SUPPORTED_VIDEO_EXTENSIONS: readonly string[] = [
  'mp4',
  'mov',
  'm4v',
  'webm',
  'flv',
  'avi',
  'wmv',
  'asf',
  'mkv',
  'ts',
  'm3u8',
  'mpg',
  'mpeg',
  '3gp',
  'rm',
  'rmvb',
  'mp3',
  'm4a',
  'wav',
  'aac',
  'flac',
  'ogg',
  'amr',
  'f4v',
  'mts',
  'm2ts',
  'ogv',
  'vob',
  'wma',
  'ac3',
  'opus',
];

/**
 * Extensions of `SUPPORTED_VIDEO_EXTENSIONS` a provider's upload API refuses, so that its default
 * list offers only what it takes: Alibaba's `CreateUploadVideo` answers `InvalidFileName.Extension`
 * for m2ts, ogv, opus and m3u8 (its list has m2t and mts, not m2ts; no HLS playlists), Tencent's
 * `ApplyUpload` `InvalidParameterValue.MediaType` for mts, m2ts, ogv and ac3. S3 stores anything.
 * @see https://help.aliyun.com/zh/vod/user-guide/overview-7 (Alibaba VOD formats)
 * @see https://cloud.tencent.com/document/product/266/9760 (Tencent VOD media types)
 */
const REFUSED_BY_PROVIDER: Readonly<Record<ProviderKey, readonly string[]>> = {
  aliyun: ['m2ts', 'ogv', 'opus', 'm3u8'],
  tencent: ['mts', 'm2ts', 'ogv', 'ac3'],
  s3: [],
};

/**
 * The media extensions a provider accepts by default: `SUPPORTED_VIDEO_EXTENSIONS` without those its
 * cloud refuses (an upload the cloud would refuse after the user picked the file is worse than a
 * file the picker never offered).
 *
 * @example
 * supportedVideoExtensions('aliyun').includes('m3u8') // false
 */
export function supportedVideoExtensions(provider: ProviderKey): readonly string[] {
  const refused = REFUSED_BY_PROVIDER[provider];
  return SUPPORTED_VIDEO_EXTENSIONS.filter((extension) => !refused.includes(extension));
}

/** Image extensions accepted for covers and images (Alibaba `CreateUploadImage`, Tencent `CoverType`). */
export const SUPPORTED_IMAGE_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'gif', 'webp'];

const EXTENSION_OF_MIME: Readonly<Record<string, string>> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/x-m4v': 'm4v',
  'video/webm': 'webm',
  'video/x-flv': 'flv',
  'video/x-msvideo': 'avi',
  'video/avi': 'avi',
  'video/x-ms-wmv': 'wmv',
  'video/x-ms-asf': 'asf',
  'video/x-matroska': 'mkv',
  'video/mp2t': 'ts',
  'application/vnd.apple.mpegurl': 'm3u8',
  'application/x-mpegurl': 'm3u8',
  'audio/mpegurl': 'm3u8',
  'video/mpeg': 'mpg',
  'video/3gpp': '3gp',
  'application/vnd.rn-realmedia': 'rm',
  'application/vnd.rn-realmedia-vbr': 'rmvb',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/aac': 'aac',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/ogg': 'ogg',
  'audio/amr': 'amr',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const ALIASES: Readonly<Record<string, string>> = { jpe: 'jpg', mpe: 'mpeg', qt: 'mov' };

const MIME = /^(video|audio|image|application)\/[a-z0-9.+-]+$/;

/**
 * The lower-case extension (no dot) of a file name, URL or MIME type, or `undefined` when there is
 * none. Query strings and fragments of URLs are ignored; known MIME types map to their usual extension.
 *
 * @example
 * normalizeMediaExtension('Clip.MP4') // 'mp4'
 * normalizeMediaExtension('video/quicktime') // 'mov'
 * normalizeMediaExtension('https://cdn.example.com/a/b.m3u8?sign=x') // 'm3u8'
 */
export function normalizeMediaExtension(fileNameOrMime: string): string | undefined {
  const input = fileNameOrMime.trim().toLowerCase();
  const mime = input.split(';')[0]!.trim();
  if (MIME.test(mime)) return EXTENSION_OF_MIME[mime];
  let name = input;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(input)) {
    try {
      name = decodeURIComponent(new URL(input).pathname);
    } catch {
      return undefined;
    }
  }
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  // A leading dot (`.mp4`) is a hidden file's name, not an extension.
  if (dot <= 0) return undefined;
  const extension = base.slice(dot + 1);
  if (!/^[a-z0-9]{1,10}$/.test(extension)) return undefined;
  return ALIASES[extension] ?? extension;
}
