import { openAliyunResult } from './open-aliyun-result.js';

/** What the browser keeps of the endpoint's `/aliyun/complete` answer for a video. */
export interface AliyunCompleted {
  /**
   * `Mezzanine.FileURL`: where the stored source file is read back (in production an OSS or CDN URL,
   * signed and short-lived when URL signing is on; in the sandbox its public object URL).
   */
  url?: string;
}

/**
 * Decodes the endpoint's answer to `POST /aliyun/complete` for a video: the `GetVideoInfo` result,
 * with `Mezzanine` from `GetMezzanineInfo` when the endpoint could read it. `GetVideoInfo` itself
 * documents no URL, so the source file's URL comes from the mezzanine.
 *
 * @throws the cloud's refusal for an error envelope; `VodDecodeError` naming the field when
 *   `Mezzanine.FileURL` is there but not a string.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-getmezzanineinfo
 */
export function decodeAliyunComplete(raw: unknown): AliyunCompleted {
  const reader = openAliyunResult(raw, 'Video');
  const url = reader.optionalString('Mezzanine.FileURL');
  return url ? { url } : {};
}
