/** The extension of a file name, lower-cased, without the dot (`''` when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The name without its extension. */
export function baseNameOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

const IMAGE_EXT_BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** The image extension of a cover: from its name when it is a `File`, else from its MIME type. */
export function imageExtensionOf(blob: Blob): string {
  const named = 'name' in blob && typeof blob.name === 'string' ? extensionOf(blob.name) : '';
  return named || IMAGE_EXT_BY_TYPE[blob.type] || 'jpg';
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
