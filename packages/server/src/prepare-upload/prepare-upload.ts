import type {
  AliyunCreateUploadImageRequest,
  AliyunCreateUploadVideoRequest,
  TencentApplyUploadRequest,
  UrlImportRequest,
} from '@vod-uploader/core';
import type { Caller } from '../config/caller.js';

/**
 * Tencent `ApplyUpload` (API 3.0) parameters the hook may set. `MediaType`/`CoverType` stay the
 * client's file types (checked by the policy).
 * @see https://cloud.tencent.com/document/api/266/31767
 */
export interface ApplyUploadFields {
  MediaName?: string;
  Procedure?: string;
  /** ISO 8601, e.g. `2027-01-01T00:00:00Z`. */
  ExpireTime?: string;
  StorageRegion?: string;
  ClassId?: number;
  /** Passed back in the upload's event notification; ≤ 250 characters. */
  SourceContext?: string;
  /** Passed back in the task flow's notifications; ≤ 1000 characters. */
  SessionContext?: string;
  ExtInfo?: string;
  /** The session's commit goes to the same sub-application (the ticket keeps it). */
  SubAppId?: number;
}

/**
 * Tencent legacy v2 `ApplyUpload` parameters the hook may set (asked with `api: 'v2'`), by v2's own
 * names. `videoType`/`videoSize`/`coverType`/`coverSize` stay the client's file facts (checked by
 * the policy).
 * @see https://cloud.tencent.com/document/product/266/9756 (legacy v2 ApplyUpload)
 */
export interface ApplyUploadV2Fields {
  videoName?: string;
  coverName?: string;
  procedure?: string;
}

/**
 * Tencent `PullUpload` parameters the hook may set. `MediaUrl`, `MediaType`, `CoverUrl` come from the
 * checked request; `SessionId` is the server's dedup id and caller binding; `SubAppId` stays the
 * config's, under which the task route looks the task up.
 * @see https://cloud.tencent.com/document/api/266/35575
 */
export interface PullUploadFields {
  MediaName?: string;
  Procedure?: string;
  ExpireTime?: string;
  StorageRegion?: string;
  ClassId?: number;
  /** -10 (lowest) … 10. */
  TasksPriority?: number;
  /** ≤ 1000 characters; the app's own now (the caller binding moved to `SessionId`). */
  SessionContext?: string;
  ExtInfo?: string;
  /** ≤ 250 characters. */
  SourceContext?: string;
  /** Starts with `/` (FileID + Path mode sub-applications only). */
  MediaStoragePath?: string;
}

/**
 * Alibaba `CreateUploadVideo` parameters the hook may set. `FileName`/`FileSize` stay the client's.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadvideo
 */
export interface CreateUploadVideoFields {
  Title?: string;
  Description?: string;
  CoverURL?: string;
  CateId?: number;
  /** ≤ 16 tags of ≤ 32 characters, no commas (sent comma-separated). */
  Tags?: string[];
  TemplateGroupId?: string;
  WorkflowId?: string;
  StorageLocation?: string;
  /** A JSON object (`MessageCallback`, `Extend`…), as an object or its JSON text; ≤ 1024 characters. */
  UserData?: string | Record<string, unknown>;
  AppId?: string;
  /** The app's own id of the video, unique in the account; 6–64 of `[A-Za-z0-9_-]`. */
  ReferenceId?: string;
}

/**
 * Alibaba `CreateUploadImage` parameters the hook may set. `ImageType`/`ImageExt` stay the client's.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-createuploadimage
 */
export interface CreateUploadImageFields {
  Title?: string;
  Description?: string;
  Tags?: string[];
  UserData?: string | Record<string, unknown>;
  OriginalFileName?: string;
  StorageLocation?: string;
  AppId?: string;
  CateId?: number;
}

/**
 * Alibaba `UploadMediaByURL` parameters the hook may set: the call's own and, for the one URL, the
 * `UploadMetadatas` entry's `Title`, `Description`, `CateId`, `Tags`.
 * @see https://help.aliyun.com/zh/vod/developer-reference/api-vod-2017-03-21-uploadmediabyurl
 */
export interface UploadMediaByURLFields {
  TemplateGroupId?: string;
  WorkflowId?: string;
  AppId?: string;
  StorageLocation?: string;
  /**
   * The app's JSON object; the server adds one key of its own, `Extend.vodUploaderCaller` (the
   * caller binding the import-status route checks), and keeps every other key.
   */
  UserData?: string | Record<string, unknown>;
  Title?: string;
  Description?: string;
  CateId?: number;
  Tags?: string[];
}

/** The fields of each seed action, by the cloud's own action name. */
export interface SeedFields {
  ApplyUpload: ApplyUploadFields;
  PullUpload: PullUploadFields;
  CreateUploadVideo: CreateUploadVideoFields;
  CreateUploadImage: CreateUploadImageFields;
  UploadMediaByURL: UploadMediaByURLFields;
}

/** A seed action the hook is asked about. */
export type SeedAction = keyof SeedFields;

/** Each seed action's cloud and the request body the hook is shown. */
export interface SeedCall {
  ApplyUpload: { provider: 'tencent'; request: TencentApplyUploadRequest };
  PullUpload: { provider: 'tencent'; request: UrlImportRequest };
  CreateUploadVideo: { provider: 'aliyun'; request: AliyunCreateUploadVideoRequest };
  CreateUploadImage: { provider: 'aliyun'; request: AliyunCreateUploadImageRequest };
  UploadMediaByURL: { provider: 'aliyun'; request: UrlImportRequest };
}

/** The legacy v2 `ApplyUpload` call: same action and request, `api: 'v2'`, v2's field names. */
export interface PrepareUploadV2Input {
  caller: Caller;
  action: 'ApplyUpload';
  api: 'v2';
  provider: 'tencent';
  request: TencentApplyUploadRequest;
}

/**
 * What `prepareUpload` is told: who asks, and the parsed (schema- and policy-checked) request body.
 * Narrow on `action` to get its `request` type; an `ApplyUpload` with `api: 'v2'` (the server is
 * configured for `legacyV2`) takes `ApplyUploadV2Fields`.
 */
export type PrepareUploadInput =
  | {
      [A in SeedAction]: { caller: Caller; action: A; api?: undefined } & SeedCall[A];
    }[SeedAction]
  | PrepareUploadV2Input;

/**
 * Sets cloud parameters per request, e.g. to tie a callback to the app's own user. Return the
 * action's fields (`SeedFields[action]`, the cloud's parameter names), or nothing. They are merged
 * over the server's config defaults and the client's allowed fields, then checked: a field of
 * another action, or a value out of the cloud's documented bounds, answers `config_invalid`; a throw
 * answers `internal` (and reaches `onError`).
 * @example
 * prepareUpload: ({ caller, action }) =>
 *   action === 'ApplyUpload' ? { SessionContext: JSON.stringify({ userId: caller.id }) } : undefined,
 */
export type PrepareUploadFn = (
  input: PrepareUploadInput,
) => PrepareUploadResult | undefined | Promise<PrepareUploadResult | undefined>;

/** The fields a `prepareUpload` may return: one action's (`SeedFields`) or legacy v2 ApplyUpload's. */
export type PrepareUploadResult = SeedFields[SeedAction] | ApplyUploadV2Fields;
