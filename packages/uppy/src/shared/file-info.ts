import { normalizeMediaExtension } from '@vod-uploader/core';

/** The extension of a file name, lower-cased, without the dot (`''` when there is none): core's one rule. */
export function extensionOf(name: string): string {
  return normalizeMediaExtension(name) ?? '';
}

/** The name without its extension. */
export function baseNameOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The image extension of a cover: from its name when it is a `File`, else from its MIME type. */
export function imageExtensionOf(blob: Blob): string {
  const named = 'name' in blob && typeof blob.name === 'string' ? extensionOf(blob.name) : '';
  return named || extensionOf(blob.type) || 'jpg';
}

/** The cover the user attached to a video as `file.meta.cover`, if it is a Blob. */
export function coverOf(meta: Record<string, unknown>): Blob | undefined {
  const cover = meta.cover;
  return typeof Blob !== 'undefined' && cover instanceof Blob && cover.size > 0 ? cover : undefined;
}

/** A file's modification time (0 for a Blob that is not a File). */
export function lastModifiedOf(data: Blob): number {
  return 'lastModified' in data && typeof data.lastModified === 'number' ? data.lastModified : 0;
}
