import type { ProviderKey, VodUploadError, VodUploadResult } from '@vod-uploader/core';
import type { MediaStatusPollOptions } from '../media-status/media-status-options.js';
import type { VodPluginOptions } from '../vod-plugin-options.js';
import type { VodReadyMedia } from './processing-state.js';
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
   * After each upload, follow the media until the cloud can play it: "Processing…" (with the cloud's
   * stage), then "Ready" with a link to play it, or why processing failed (the endpoint's
   * `POST /media/status`, read at once, then every 1 s growing ×1.5 to 10 s, for 30 min at most; an
   * object sets that schedule). Default: on when `onReady` is given, else off — the upload is done
   * at `onUploaded`, and only an app that wants readiness should cost the cloud status reads.
   */
  waitForReady?: boolean | MediaStatusPollOptions;
  /**
   * Called once per uploaded media the cloud can play (turns `waitForReady` on), with its play URL,
   * poster and duration where the cloud gives them. Not called for imports from a link.
   */
  onReady?: (media: VodReadyMedia, file: VodUppyFile | undefined) => void;
  /**
   * Called for every failure, typed: switch on `error.code`. `file` is missing for refusals before
   * upload and for imports from a link. A media that fails processing after its upload reaches it
   * as `processing_failed` (the cloud's reason as `message`), a wait that ran out as
   * `processing_timeout`.
   */
  onError?: (error: VodUploadError, file: VodUppyFile | undefined) => void;
}
