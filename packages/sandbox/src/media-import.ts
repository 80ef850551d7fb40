import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { SandboxContext } from './http/api-module.js';
import type { ObjectMeta } from './store/object-store.js';

/** Why a URL import failed, in words the clouds' task APIs can pass on. */
export class MediaImportError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'http_status' | 'not_media' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'MediaImportError';
  }
}

const MEDIA_CONTENT_TYPE = /^(video|audio)\/|^application\/(octet-stream|vnd\.apple\.mpegurl|x-mpegurl|mp4)/i;

/**
 * Downloads a URL into the object store, as the clouds' pull/URL-import tasks do. Refuses what is
 * not media: a non-2xx status, an HTML/JSON/text response, or an empty body.
 */
export async function importMediaFromUrl(
  ctx: SandboxContext,
  url: string,
  bucket: string,
  key: string,
): Promise<ObjectMeta> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new MediaImportError('unreachable', `Could not download ${url}: ${(error as Error).message}`);
  }
  if (!response.ok || !response.body) {
    throw new MediaImportError('http_status', `Downloading ${url} answered HTTP ${response.status}`);
  }
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  if (!MEDIA_CONTENT_TYPE.test(type)) {
    await response.body.cancel();
    throw new MediaImportError('not_media', `${url} is not a media file (Content-Type: ${type})`);
  }
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  const meta = await ctx.store.putObject(bucket, key, body, { contentType: type });
  if (meta.size === 0) {
    await ctx.store.deleteObject(bucket, key);
    throw new MediaImportError('empty', `${url} returned an empty body`);
  }
  return meta;
}
