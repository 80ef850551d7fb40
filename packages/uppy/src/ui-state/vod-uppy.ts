import type { Body, Meta, Uppy, UppyFile } from '@uppy/core';
import type { VodUploadResult } from '@vod-uploader/core';

/**
 * Per-file metadata a front end reads or writes. `cover` is how the engine learns about a video's
 * cover image; `duration`, `width` and `height` come from the in-browser video preview.
 */
export type VodMeta = Meta & {
  cover?: Blob;
  duration?: number;
  width?: number;
  height?: number;
};

/** Uppy's `response.body` of a finished file: the engine puts a `VodUploadResult` there. */
export type VodBody = Body;

/** The Uppy instance the ui-state modules (and React's components and hooks) work on. */
export type VodUppy = Uppy<VodMeta, VodBody>;

/** One file of {@link VodUppy}. */
export type VodUppyFile = UppyFile<VodMeta, VodBody>;

/** The engine's result for a finished file, or undefined while it is not finished. */
export function resultOf(file: VodUppyFile): VodUploadResult | undefined {
  const body = file.response?.body as Partial<VodUploadResult> | undefined;
  if (!body || typeof body.id !== 'string' || typeof body.provider !== 'string') return undefined;
  return body as VodUploadResult;
}
