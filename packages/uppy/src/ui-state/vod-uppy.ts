import type { Body, Meta, Uppy, UppyFile } from '@uppy/core';

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

/** Uppy's `response.body` of a finished file (front ends read the typed `vod:uploaded` instead). */
export type VodBody = Body;

/** The Uppy instance the ui-state modules (and React's components and hooks) work on. */
export type VodUppy = Uppy<VodMeta, VodBody>;

/** One file of {@link VodUppy}. */
export type VodUppyFile = UppyFile<VodMeta, VodBody>;
