import { type ProviderKey, vodError } from '@vod-uploader/core';
import { extensionOf } from './media-extensions.js';
import type { ResolvedPolicy } from './upload-policy.js';

/** A URL import the policy accepted. */
export interface CheckedImport {
  mediaUrl: string;
  /** Media extension, from `mediaType` or the URL's path. */
  extension: string;
  coverUrl?: string;
}

/**
 * Checks a URL import before any cloud call: only http(s) URLs without embedded credentials, with a
 * media extension the policy accepts for `provider` (from the path, or stated as `mediaType`: a link
 * without an extension is imported with the type the user picked, since neither cloud can tell it
 * from such a link), whose host is not an address of a local or private network (`UrlImportGuard`;
 * the cover URL too).
 */
export async function checkImport(
  policy: ResolvedPolicy,
  body: { mediaUrl: string; mediaType?: string | undefined; coverUrl?: string | undefined },
  provider: ProviderKey,
): Promise<CheckedImport> {
  const mediaUrl = checkHttpUrl(body.mediaUrl, 'mediaUrl');
  const extension = (body.mediaType?.replace(/^\./, '') ?? extensionOf(mediaUrl.pathname)).toLowerCase();
  if (!extension) {
    throw vodError('policy_refused', 'mediaType: required when the URL does not end with a media extension', {
      field: 'mediaType',
    });
  }
  policy.checkMediaExtension(extension, body.mediaType ? 'mediaType' : 'mediaUrl', provider);
  const checked: CheckedImport = { mediaUrl: mediaUrl.href, extension };
  let cover: URL | undefined;
  if (body.coverUrl !== undefined) {
    cover = checkHttpUrl(body.coverUrl, 'coverUrl');
    const coverExt = extensionOf(cover.pathname);
    if (coverExt) policy.checkImageExtension(coverExt, 'coverUrl');
    checked.coverUrl = cover.href;
  }
  await policy.urlImport.check(mediaUrl, 'mediaUrl');
  if (cover) await policy.urlImport.check(cover, 'coverUrl');
  return checked;
}

function checkHttpUrl(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw vodError('request_invalid', `${field}: not a valid absolute URL`, { field });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw vodError('policy_refused', `${field}: only http and https URLs can be imported`, { field });
  }
  // The cloud would store (and echo) the URL: credentials in it would leak.
  if (url.username || url.password) {
    throw vodError('policy_refused', `${field}: URLs with credentials are not accepted`, { field });
  }
  return url;
}
