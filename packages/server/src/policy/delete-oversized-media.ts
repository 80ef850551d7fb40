import { type ProviderKey, type VodUploadError, vodError } from '@vod-uploader/core';
import { isCloudNotFound } from '../cloud/is-cloud-not-found.js';
import type { ResolvedPolicy } from './upload-policy.js';

/** A media the cloud stored, as the size check sees it. */
export interface StoredMedia {
  /** The size the cloud reports: a number, or digits (Alibaba's `FileSize`); anything else is unknown. */
  size: unknown;
  /**
   * `import`: fetched by the cloud from a URL, a size no one stated, so under a maximum an unknown
   * size is refused. `upload`: put under a size its session declared, so a size the cloud has not
   * probed yet (0 or absent) is not compared, as at commit.
   */
  via: 'import' | 'upload';
}

/**
 * `maxFileSize` on what the cloud stored. Neither the clouds' import APIs nor their upload
 * credentials (COS, OSS) bind a size, so it is known only once the cloud has the file: a media over
 * the limit is deleted (`remove`) and its refusal (`policy_refused`) returned, for a route to throw
 * instead of firing `onUploaded` and for an event source to deliver as `media.failed` instead of
 * `media.uploaded`/`media.ready`. Undefined when the media may stay. Every status read and every
 * redelivered event that sees it does the same (deleting twice finds nothing, which is fine). An
 * import whose size the cloud does not report is refused without deleting anything: nothing proves
 * it fits.
 */
export async function deleteOversizedMedia(
  policy: ResolvedPolicy,
  provider: ProviderKey,
  media: StoredMedia,
  remove: () => Promise<unknown>,
): Promise<VodUploadError | undefined> {
  const max = policy.maxFileSize;
  if (max === undefined) return undefined;
  const { size, via } = media;
  const bytes = typeof size === 'string' && /^\d+$/.test(size) ? Number(size) : size;
  if (typeof bytes !== 'number' || (via === 'upload' && bytes <= 0)) {
    if (via === 'upload') return undefined;
    // No size, no proof it fits (the sandbox reports none once the media is deleted): not reported.
    return vodError('policy_refused', 'mediaUrl: the size of the imported file could not be checked', {
      provider,
      field: 'mediaUrl',
    });
  }
  if (bytes <= max) return undefined;
  try {
    await remove();
  } catch (error) {
    // Already gone (an earlier status read or event deleted it): the refusal stands either way.
    if (!isCloudNotFound(error)) throw error;
  }
  const [field, what] = via === 'import' ? ['mediaUrl', 'imported'] : ['fileSize', 'stored'];
  return vodError(
    'policy_refused',
    `${field}: the ${what} file is ${bytes} bytes, over the limit of ${max}; it was deleted`,
    { provider, field },
  );
}
