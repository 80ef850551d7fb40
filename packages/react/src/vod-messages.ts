import type { VodUploadErrorCode } from '@vod-uploader/core';
import type { VodLocale } from './vod-locale.js';

/**
 * The strings this package shows or announces (Uppy's own strings come from `@uppy/locales`).
 * Functions take what they interpolate, so a translation may reorder words freely.
 */
export interface VodMessages {
  uploadStarted: (files: number) => string;
  uploadProgress: (percent: number) => string;
  uploadDone: (files: number) => string;
  uploadFailed: (reason: string) => string;
  retry: string;
  dismiss: string;
  openUploader: string;
  closeUploader: string;
  uploaderLabel: string;
  errorsLabel: string;
  tooLong: (name: string, duration: string, max: string) => string;
  coversLabel: string;
  chooseCover: (name: string) => string;
  removeCover: (name: string) => string;
  coverChosen: (cover: string) => string;
  noCover: string;
  duration: (duration: string) => string;
  mediaId: string;
  posterOf: (id: string) => string;
  noMedia: string;
  chooseVideo: string;
  replaceVideo: string;
  removeVideo: string;
  cancelUpload: string;
  uploadingPercent: (percent: number) => string;
  waitForUpload: string;
  mediaRequired: string;
  /** What a person reads for each error code: what happened and what to do. */
  errors: Record<VodUploadErrorCode, string>;
}

const en: VodMessages = {
  uploadStarted: (n) => (n === 1 ? 'Upload started.' : `Upload of ${n} files started.`),
  uploadProgress: (p) => `Upload ${p}% complete.`,
  uploadDone: (n) => (n === 1 ? 'Upload complete.' : `${n} files uploaded.`),
  uploadFailed: (reason) => `Upload failed: ${reason}`,
  retry: 'Retry',
  dismiss: 'Dismiss',
  openUploader: 'Upload video',
  closeUploader: 'Close',
  uploaderLabel: 'Video uploader',
  errorsLabel: 'Upload problems',
  tooLong: (name, d, max) =>
    `${name} is ${d} long; videos may be at most ${max}. Trim it or choose a shorter one.`,
  coversLabel: 'Covers',
  chooseCover: (name) => `Choose a cover for ${name}`,
  removeCover: (name) => `Remove the cover of ${name}`,
  coverChosen: (cover) => `Cover: ${cover}`,
  noCover: 'No cover',
  duration: (d) => `Duration ${d}`,
  mediaId: 'Media ID',
  posterOf: (id) => `Poster of video ${id}`,
  noMedia: 'No video yet.',
  chooseVideo: 'Choose video',
  replaceVideo: 'Replace video',
  removeVideo: 'Remove video',
  cancelUpload: 'Cancel upload',
  uploadingPercent: (p) => `Uploading… ${p}%`,
  waitForUpload: 'The video is still uploading. Wait until it finishes, then save again.',
  mediaRequired: 'Please upload a video.',
  errors: {
    config_invalid: 'The uploader is not set up correctly. Please tell the site’s administrator.',
    request_invalid: 'The upload request was not accepted. Please tell the site’s administrator.',
    policy_refused: 'This file is not allowed here (its type or size). Choose another file.',
    unauthorized: 'You need to sign in before uploading.',
    forbidden: 'You are not allowed to upload here.',
    rate_limited: 'Too many uploads at once. Wait a moment, then try again.',
    decode_failed: 'The video service sent an answer we could not understand. Try again later.',
    credential_expired: 'The upload permission expired before the upload finished. Try again.',
    cloud_refused: 'The video service refused the upload.',
    cloud_unavailable: 'The video service cannot be reached right now. Try again in a moment.',
    network: 'The connection was lost. Check your network, then try again.',
    aborted: 'The upload was cancelled.',
    file_changed: 'The file changed while it was uploading. Choose it again.',
    file_invalid: 'This file cannot be uploaded.',
    not_found: 'The upload service was not found. Please tell the site’s administrator.',
    internal: 'Something went wrong. Try again.',
  },
};

const zhCN: VodMessages = {
  uploadStarted: (n) => (n === 1 ? '上传已开始。' : `${n} 个文件开始上传。`),
  uploadProgress: (p) => `已上传 ${p}%。`,
  uploadDone: (n) => (n === 1 ? '上传完成。' : `${n} 个文件上传完成。`),
  uploadFailed: (reason) => `上传失败：${reason}`,
  retry: '重试',
  dismiss: '关闭',
  openUploader: '上传视频',
  closeUploader: '关闭',
  uploaderLabel: '视频上传',
  errorsLabel: '上传问题',
  tooLong: (name, d, max) => `${name} 时长 ${d}，视频最长 ${max}。请剪短或选择较短的视频。`,
  coversLabel: '封面',
  chooseCover: (name) => `为 ${name} 选择封面`,
  removeCover: (name) => `移除 ${name} 的封面`,
  coverChosen: (cover) => `封面：${cover}`,
  noCover: '无封面',
  duration: (d) => `时长 ${d}`,
  mediaId: '媒体 ID',
  posterOf: (id) => `视频 ${id} 的封面图`,
  noMedia: '尚未上传视频。',
  chooseVideo: '选择视频',
  replaceVideo: '更换视频',
  removeVideo: '移除视频',
  cancelUpload: '取消上传',
  uploadingPercent: (p) => `正在上传… ${p}%`,
  waitForUpload: '视频仍在上传，请等待上传完成后再保存。',
  mediaRequired: '请上传视频。',
  errors: {
    config_invalid: '上传组件配置有误，请联系网站管理员。',
    request_invalid: '上传请求未被接受，请联系网站管理员。',
    policy_refused: '此处不允许上传该文件（类型或大小不符），请选择其他文件。',
    unauthorized: '请先登录再上传。',
    forbidden: '您没有在此上传的权限。',
    rate_limited: '上传过于频繁，请稍后再试。',
    decode_failed: '视频服务返回了无法识别的结果，请稍后再试。',
    credential_expired: '上传授权在上传完成前已过期，请重试。',
    cloud_refused: '视频服务拒绝了此次上传。',
    cloud_unavailable: '暂时无法连接视频服务，请稍后再试。',
    network: '网络连接已断开，请检查网络后重试。',
    aborted: '上传已取消。',
    file_changed: '文件在上传过程中被修改，请重新选择。',
    file_invalid: '无法上传此文件。',
    not_found: '找不到上传服务，请联系网站管理员。',
    internal: '出现了问题，请重试。',
  },
};

/** Our strings for a locale (English when none is given). */
export function messagesOf(locale: VodLocale | undefined): VodMessages {
  return locale === 'zh-CN' ? zhCN : en;
}

/** `83.4` → `1:23`, `3725` → `1:02:05`. */
export function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
