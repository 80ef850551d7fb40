export {
  isVodUploadError,
  type ProviderKey,
  type VodUploadError,
  type VodUploadErrorCode,
  type VodUploadResult,
} from '@vod-uploader/core';
export type { UrlImportInput, UrlImportItem } from '@vod-uploader/uppy';
export { type ReadVideoPreviewOptions, readVideoPreview, type VideoPreview } from '@vod-uploader/uppy';
export { CoverPicker, type CoverPickerProps } from './cover-picker.js';
export { describeError } from './describe-error.js';
export { LiveRegion, type LiveRegionProps } from './live-region.js';
export { UploadErrors, type UploadErrorsProps } from './upload-errors.js';
export { UrlImportPanel, type UrlImportPanelProps } from './url-import-panel.js';
export { type UrlImportsHandle, type UseUrlImportsOptions, useUrlImports } from './use-url-imports.js';
export { useVodUploader, type VodUploaderHandle } from './use-vod-uploader.js';
export type { VodLocale } from './vod-locale.js';
export { formatDuration, messagesOf, type VodMessages } from './vod-messages.js';
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
export type { VodHeaders, VodRestrictions, VodUploaderOptions } from './vod-uploader-options.js';
export type { VodFileSnapshot, VodFileStatus, VodUploaderSnapshot } from './vod-uploader-store.js';
export type { VodBody, VodMeta, VodUppy, VodUppyFile } from './vod-uppy.js';
export type { VodUrlImportOptions } from './vod-url-import-options.js';
