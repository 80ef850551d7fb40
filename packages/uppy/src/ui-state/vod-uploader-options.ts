import type { ProviderKey, VodUploadError, VodUploadResult } from '@vod-uploader/core';
import type { VodPluginOptions } from '../vod-plugin-options.js';
import type { VodLocale } from './vod-locale.js';
import type { VodUppyFile } from './vod-uppy.js';

/** Headers sent with every call to the credential endpoint, or a function that makes them per call. */
export type VodHeaders =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

/** What files are accepted, checked in the browser before anything is sent (the endpoint checks again). */
export interface VodRestrictions {
  /** MIME types, wildcards or extensions, as Uppy takes them: `['video/*', '.mkv']`. */
  allowedFileTypes?: string[];
  /** Bytes. */
  maxFileSize?: number;
  maxNumberOfFiles?: number;
  /** Seconds, read from the file in the browser before upload; longer videos are refused with a message. */
  maxDuration?: number;
}

/** Options shared by `<VodUploader />`, `<VodUploadField />` and `useVodUploader`. */
export interface VodUploaderOptions {
  /** Which cloud stores the files; the endpoint must be configured for it. */
  provider: ProviderKey;
  /** The credential endpoint's base URL, e.g. `/api/vod`. */
  endpoint: string;
  /** Headers for the endpoint (a session header, a CSRF token…). */
  headers?: VodHeaders;
  /**
   * Returns a bearer token, sent as `Authorization: Bearer <token>` on every endpoint call; called per
   * call so a refreshed token is picked up. Merged over `headers`.
   */
  getToken?: () => string | Promise<string>;
  restrictions?: VodRestrictions;
  /** Language of every string, ours and Uppy's. Default `en`. */
  locale?: VodLocale;
  /** Start uploading as soon as files are added. Default `false` (the user presses Upload). */
  autoProceed?: boolean;
  /** Metadata sent with every file (e.g. a title the engine passes to the cloud). */
  meta?: Record<string, unknown>;
  /** Further engine options (retry, chunk size…), passed to the provider's Uppy plugin as they are. */
  pluginOptions?: Partial<Omit<VodPluginOptions, 'endpoint' | 'headers'>> & Record<string, unknown>;
  /**
   * Called once per media stored in the cloud, with its id and URLs: per uploaded file, and per
   * finished import from a link, for which `file` is undefined.
   */
  onUploaded?: (result: VodUploadResult, file: VodUppyFile | undefined) => void;
  /**
   * Called for every failure, typed: switch on `error.code`. `file` is missing for refusals before
   * upload and for imports from a link.
   */
  onError?: (error: VodUploadError, file: VodUppyFile | undefined) => void;
}
