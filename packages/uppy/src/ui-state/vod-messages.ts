import type { VodWarningCode } from '../shared/vod-events.js';
import type { VodLocale } from './vod-locale.js';

/**
 * The strings a front end (React's components, a web component) shows or announces (Uppy's own strings come from `@uppy/locales`).
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
  openVideo: string;
  posterOf: (id: string) => string;
  noMedia: string;
  chooseVideo: string;
  replaceVideo: string;
  removeVideo: string;
  cancelUpload: string;
  uploadingPercent: (percent: number) => string;
  waitForUpload: string;
  mediaRequired: string;
  /** What the engine's `vod:warning`s mean to the person uploading (the upload goes on). */
  warnings: Record<VodWarningCode, string>;
  noticesLabel: string;
  /** The status bar under the files (the same strings as Uppy's own, plus "Finishing…"). */
  status: {
    uploading: (percent: number) => string;
    paused: (percent: number) => string;
    /** Every byte is stored; the cloud has not yet said the media's id. */
    finishing: string;
    complete: string;
    failed: string;
    bytesOf: (uploaded: string, total: string) => string;
    /** Never "0 s": under a few seconds `timeLeft` is not used, `fewSecondsLeft` is. */
    timeLeft: (time: string) => string;
    fewSecondsLeft: string;
    /** The units `formatTimeLeft` writes after each number: `1 h 2 min`, `1 min 5 s`. */
    timeUnits: { hours: string; minutes: string; seconds: string };
    uploadFiles: (files: number) => string;
    pause: string;
    resume: string;
    cancel: string;
    progressLabel: string;
  };
  /** After the upload, while the cloud processes the video (the `waitForReady` state). */
  processing: {
    /** Name of the list of processing videos. */
    label: string;
    inProgress: string;
    /** With the cloud's stage, in its words. */
    stage: (stage: string) => string;
    ready: string;
    /** The link to the playable video. */
    play: string;
    /** Before the cloud's reason. */
    failed: (reason: string) => string;
    /** Said after "Upload complete." when the cloud processes what was uploaded. */
    announceStarted: (videos: number) => string;
    announceReady: (name: string) => string;
    /** `words`: the failure as `failed` or the error's sentence says it. */
    announceFailed: (name: string, words: string) => string;
  };
  /** The locale these strings are in (error sentences come from core's `userMessageOf`). */
  locale: VodLocale;
}

const en: VodMessages = {
  locale: 'en',
  warnings: {
    credential_may_expire:
      'At this speed the upload permission may expire before the upload finishes. Keep this page open.',
    credential_expired_restarting:
      'The upload permission expired, so the upload is starting again with a new one.',
    credential_refreshed: 'The upload permission was renewed; the upload continues.',
    checkpoint_not_yours:
      "This file's saved progress was another account's; it uploads again from the start.",
    integrity_unverified:
      'The storage did not confirm a checksum, so this upload continues without an integrity check.',
  },
  noticesLabel: 'Upload notices',
  processing: {
    label: 'Video processing',
    inProgress: 'Processing…',
    stage: (stage) => `Processing… (${stage})`,
    ready: 'Ready',
    play: 'Play video',
    failed: (reason) => `Processing failed: ${reason}`,
    announceStarted: (n) =>
      n === 1 ? 'The video service is processing it.' : `The video service is processing ${n} videos.`,
    announceReady: (name) => `${name} is ready to play.`,
    announceFailed: (name, words) => `${name}: ${words}`,
  },
  status: {
    uploading: (p) => `Uploading: ${p}%`,
    paused: (p) => `Paused: ${p}%`,
    finishing: 'Finishing…',
    complete: 'Complete',
    failed: 'Upload failed',
    bytesOf: (uploaded, total) => `${uploaded} of ${total}`,
    timeLeft: (time) => `${time} left`,
    fewSecondsLeft: 'a few seconds left',
    timeUnits: { hours: 'h', minutes: 'min', seconds: 's' },
    uploadFiles: (n) => (n === 1 ? 'Upload 1 file' : `Upload ${n} files`),
    pause: 'Pause',
    resume: 'Resume',
    cancel: 'Cancel',
    progressLabel: 'Upload progress',
  },
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
  openVideo: 'Open video',
  posterOf: (id) => `Poster of video ${id}`,
  noMedia: 'No video yet.',
  chooseVideo: 'Choose video',
  replaceVideo: 'Replace video',
  removeVideo: 'Remove video',
  cancelUpload: 'Cancel upload',
  uploadingPercent: (p) => `Uploading… ${p}%`,
  waitForUpload: 'The video is still uploading. Wait until it finishes, then save again.',
  mediaRequired: 'Please upload a video.',
};

const zhCN: VodMessages = {
  locale: 'zh-CN',
  warnings: {
    credential_may_expire: '按当前速度，上传授权可能在上传完成前过期。请保持此页面打开。',
    credential_expired_restarting: '上传授权已过期，正在使用新的授权重新上传。',
    credential_refreshed: '上传授权已更新，上传继续进行。',
    checkpoint_not_yours: '此文件的上传进度属于另一个账号，正在重新上传。',
    integrity_unverified: '存储服务未返回校验值，本次上传将在不校验完整性的情况下继续。',
  },
  noticesLabel: '上传提示',
  processing: {
    label: '视频处理',
    inProgress: '正在处理…',
    stage: (stage) => `正在处理…（${stage}）`,
    ready: '可以播放',
    play: '播放视频',
    failed: (reason) => `处理失败：${reason}`,
    announceStarted: (n) => (n === 1 ? '视频服务正在处理。' : `视频服务正在处理 ${n} 个视频。`),
    announceReady: (name) => `${name} 已可以播放。`,
    announceFailed: (name, words) => `${name}：${words}`,
  },
  status: {
    uploading: (p) => `正在上传：${p}%`,
    paused: (p) => `已暂停：${p}%`,
    finishing: '正在完成…',
    complete: '上传完毕',
    failed: '上传失败',
    bytesOf: (uploaded, total) => `${uploaded} / ${total}`,
    timeLeft: (time) => `剩余 ${time}`,
    fewSecondsLeft: '还剩几秒',
    timeUnits: { hours: '小时', minutes: '分钟', seconds: '秒' },
    uploadFiles: (n) => `上传 ${n} 个文件`,
    pause: '暂停',
    resume: '恢复',
    cancel: '取消',
    progressLabel: '上传进度',
  },
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
  openVideo: '打开视频',
  posterOf: (id) => `视频 ${id} 的封面图`,
  noMedia: '尚未上传视频。',
  chooseVideo: '选择视频',
  replaceVideo: '更换视频',
  removeVideo: '移除视频',
  cancelUpload: '取消上传',
  uploadingPercent: (p) => `正在上传… ${p}%`,
  waitForUpload: '视频仍在上传，请等待上传完成后再保存。',
  mediaRequired: '请上传视频。',
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
