export {
  isVodUploadError,
  type MediaStatus,
  type ProviderKey,
  type VodUploadError,
  type VodUploadErrorCode,
  type VodUploadResult,
} from '@vod-uploader/core';
export type {
  MediaStatusPollOptions,
  UrlImportInput,
  UrlImportItem,
  VodBody,
  VodFileSnapshot,
  VodFileStatus,
  VodHeaders,
  VodLocale,
  VodMeta,
  VodProcessingState,
  VodReadyMedia,
  VodRestrictions,
  VodUploaderOptions,
  VodUploaderSnapshot,
  VodUppy,
  VodUppyFile,
  VodUrlImportOptions,
} from '@vod-uploader/uppy';
export {
  clearUploadCheckpoints,
  describeError,
  formatDuration,
  messagesOf,
  type ReadVideoPreviewOptions,
  readVideoPreview,
  type VideoPreview,
  type VodMessages,
} from '@vod-uploader/uppy';
export { CoverPicker, type CoverPickerProps } from './cover-picker.js';
export { LiveRegion, type LiveRegionProps } from './live-region.js';
export { ProcessingList, type ProcessingListProps } from './processing-list.js';
export { UploadErrors, type UploadErrorsProps } from './upload-errors.js';
export { UrlImportPanel, type UrlImportPanelProps } from './url-import-panel.js';
export { type UrlImportsHandle, type UseUrlImportsOptions, useUrlImports } from './use-url-imports.js';
export { useVodUploader, type VodUploaderHandle } from './use-vod-uploader.js';
export {
  type VodMediaValue,
  VodUploadField,
  type VodUploadFieldHandle,
  type VodUploadFieldProps,
} from './vod-upload-field.js';
export { type VodTheme, VodUploader, type VodUploaderProps } from './vod-uploader.js';
export {
  type VodUploaderDefaults,
  VodUploaderDefaultsProvider,
} from './vod-uploader-defaults.js';
