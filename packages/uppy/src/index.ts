export { AliyunPlugin, type AliyunPluginOptions } from './aliyun/aliyun-plugin.js';
export { createVodPlugin, type VodPluginClasses } from './create-vod-plugin.js';
export {
  attachMediaStatus,
  type MediaStatusWatchOptions,
} from './media-status/attach-media-status.js';
export { decodeMediaStatus } from './media-status/decode-media-status.js';
export { MEDIA_STATUS_DEFAULTS, type MediaStatusPollOptions } from './media-status/media-status-options.js';
export {
  type PollMediaStatusOptions,
  pollMediaStatus,
  type ReadyMediaStatus,
} from './media-status/poll-media-status.js';
export { preloadProviderSdk } from './preload-provider-sdk.js';
export { S3Plugin, type S3PluginOptions } from './s3/s3-plugin.js';
export { type CheckpointStore, MemoryCheckpointStore } from './shared/checkpoint-store.js';
export { clearUploadCheckpoints } from './shared/default-checkpoint-store.js';
export type { EndpointHeaders } from './shared/endpoint-client.js';
export type { UploadEnvironment } from './shared/environment.js';
export { IndexedDbCheckpointStore } from './shared/indexeddb-checkpoint-store.js';
export { limitConcurrency } from './shared/limit-concurrency.js';
export type { UploadProgress } from './shared/progress-reporter.js';
export type { RetryOptions } from './shared/retry-options.js';
export type { VodWarning, VodWarningCode } from './shared/vod-events.js';
export { TencentPlugin, type TencentPluginOptions } from './tencent/tencent-plugin.js';
export { ADD_FILES_CHUNK, addFilesInChunks } from './ui-state/add-files-in-chunks.js';
export { attachListeners, type VodUppyListeners } from './ui-state/attach-listeners.js';
export {
  attachVideoPreviews,
  type VideoPreviewOptions,
} from './ui-state/attach-video-previews.js';
export { applyVodOptions, createVodUppy, headersOf } from './ui-state/create-vod-uppy.js';
export { describeError, markForPeople } from './ui-state/describe-error.js';
export { formatBytes, formatTimeLeft } from './ui-state/format-progress.js';
export {
  describeProcessing,
  describeProcessingFailure,
  nextProcessingState,
  type VodProcessingEvent,
  type VodProcessingState,
  type VodReadyMedia,
} from './ui-state/processing-state.js';
export {
  type ReadVideoPreviewOptions,
  readVideoPreview,
  type VideoPreview,
} from './ui-state/read-video-preview.js';
export { throttleDashboardRenders } from './ui-state/throttle-dashboard-renders.js';
export {
  RENDER_INTERVAL_MS,
  type SubscribeFn,
  throttledSubscribe,
} from './ui-state/throttled-subscribe.js';
export { uppyLocaleOf } from './ui-state/uppy-locale-of.js';
export { type UrlImportMessages, urlImportMessagesOf } from './ui-state/url-import-messages.js';
export type { VodLocale } from './ui-state/vod-locale.js';
export { formatDuration, messagesOf, type VodMessages } from './ui-state/vod-messages.js';
export type { VodHeaders, VodRestrictions, VodUploaderOptions } from './ui-state/vod-uploader-options.js';
export {
  toRefusal,
  toVodError,
  type VodFileSnapshot,
  type VodFileStatus,
  type VodUploaderSnapshot,
  VodUploaderStore,
  type VodUploadPhase,
} from './ui-state/vod-uploader-store.js';
export type { VodBody, VodMeta, VodUppy, VodUppyFile } from './ui-state/vod-uppy.js';
export type { VodUrlImportOptions } from './ui-state/vod-url-import-options.js';
export {
  type UrlImportInput,
  type UrlImportItem,
  UrlImportList,
  type UrlImportListOptions,
} from './url-import/url-import-list.js';
export { UrlImporter, type UrlImportPhase, type UrlImportRunOptions } from './url-import/url-importer.js';
export {
  URL_IMPORTER_DEFAULTS,
  type UrlImporterOptions,
  type UrlImportProvider,
} from './url-import/url-importer-options.js';
export type { VodPluginOptions } from './vod-plugin-options.js';
export { VOD_PLUGIN_DEFAULTS } from './vod-plugin-options.js';
