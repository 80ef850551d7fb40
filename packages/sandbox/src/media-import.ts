import type { SandboxContext } from './http/api-module.js';
import { fetchImportSource } from './import-source.js';
import { MediaImportError } from './media-import-error.js';
import type { ObjectMeta } from './store/object-store.js';

export { MediaImportError } from './media-import-error.js';

const MEDIA_CONTENT_TYPE = /^(video|audio)\/|^application\/(octet-stream|vnd\.apple\.mpegurl|x-mpegurl|mp4)/i;

/**
 * Downloads a URL into the object store, as the clouds' pull/URL-import tasks do. Refuses what is
 * not media: a non-2xx status, an HTML/JSON/text response, or an empty body; and what the cloud
 * could not or would not fetch (`fetchImportSource`: private hosts, redirects to them, the byte cap).
 * The object appears only once the whole body is in: a cut download leaves nothing behind.
 */
export async function importMediaFromUrl(
  ctx: SandboxContext,
  url: string,
  bucket: string,
  key: string,
): Promise<ObjectMeta> {
  const { response, body } = await fetchImportSource(ctx, url, 'the media');
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  if (!MEDIA_CONTENT_TYPE.test(type)) {
    body.destroy();
    throw new MediaImportError('not_media', `${url} is not a media file (Content-Type: ${type})`);
  }
  const meta = await ctx.store.putObject(bucket, key, body, { contentType: type });
  if (meta.size === 0) {
    await ctx.store.deleteObject(bucket, key);
    throw new MediaImportError('empty', `${url} returned an empty body`);
  }
  return meta;
}
