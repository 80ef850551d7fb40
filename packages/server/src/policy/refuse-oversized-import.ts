import { type ProviderKey, vodError } from '@vod-uploader/core';
import { CloudCallError } from '../cloud/cloud-call-error.js';
import type { ResolvedPolicy } from './upload-policy.js';

/**
 * `maxFileSize` for URL imports. The clouds' import APIs take no size limit, so the size is known
 * only once the cloud has fetched the file: a finished import over the limit is deleted (`remove`)
 * and reported as `policy_refused` instead of `onUploaded`. Every status call that sees it does the
 * same (deleting twice finds nothing, which is fine). With a maximum, an import whose size the cloud
 * does not report is refused too (without deleting anything): nothing proves it fits.
 */
export async function refuseOversizedImport(
  policy: ResolvedPolicy,
  provider: ProviderKey,
  size: unknown,
  remove: () => Promise<unknown>,
): Promise<void> {
  const max = policy.maxFileSize;
  const bytes = typeof size === 'string' && /^\d+$/.test(size) ? Number(size) : size;
  if (max === undefined || (typeof bytes === 'number' && bytes <= max)) return;
  if (typeof bytes !== 'number') {
    // No size, no proof it fits (the sandbox reports none once the media is deleted): not reported.
    throw vodError('policy_refused', 'mediaUrl: the size of the imported file could not be checked', {
      provider,
      field: 'mediaUrl',
    });
  }
  try {
    await remove();
  } catch (error) {
    // Already gone (an earlier status call deleted it): the refusal stands either way.
    if (!(error instanceof CloudCallError) || !/NotFound|NotExist/i.test(error.details.cloudCode ?? ''))
      throw error;
  }
  throw vodError(
    'policy_refused',
    `mediaUrl: the imported file is ${bytes} bytes, over the limit of ${max}; it was deleted`,
    { provider, field: 'mediaUrl' },
  );
}
