import type { VodLocale } from './vod-locale.js';

/** Strings of the "Import from a link" panel. */
export interface UrlImportMessages {
  title: string;
  urls: string;
  urlsHint: string;
  name: string;
  coverUrl: string;
  /** Label of the type picker, shown while a link does not end with a media extension. */
  mediaType: string;
  /** Why the picker is there. */
  mediaTypeHint: string;
  submit: string;
  listLabel: string;
  /** Lines that are not http(s) links; they stay in the box. */
  notHttp: (lines: string) => string;
  coverNotHttp: string;
  submitting: string;
  waiting: string;
  processing: string;
  succeeded: string;
  /** A cloud task that ended without a media. */
  failed: string;
  /** The cloud's own words about a failure, with its code. */
  cloudSaid: (reason: string, code: string) => string;
  started: (count: number) => string;
  done: (name: string) => string;
  failedAnnouncement: (name: string, reason: string) => string;
}

const en: UrlImportMessages = {
  title: 'Import from a link',
  urls: 'Video links, one per line',
  urlsHint: 'http:// or https:// links the video service can download. Ctrl+Enter imports.',
  name: 'Name (optional)',
  coverUrl: 'Cover image link (optional)',
  mediaType: 'File type of links without one',
  mediaTypeHint:
    'A link that does not end with a video or audio type (like .mp4) is imported as the type chosen here.',
  submit: 'Import',
  listLabel: 'Imports',
  notHttp: (lines) => `Only http:// and https:// links can be imported. Check: ${lines}`,
  coverNotHttp: 'The cover link must start with http:// or https://.',
  submitting: 'Sending…',
  waiting: 'Waiting in the video service’s queue…',
  processing: 'The video service is downloading it…',
  succeeded: 'Imported',
  failed: 'The video service could not import this link.',
  cloudSaid: (reason, code) => `It said: ${reason} (code: ${code})`,
  started: (n) => (n === 1 ? 'Import started.' : `${n} imports started.`),
  done: (name) => `${name} imported.`,
  failedAnnouncement: (name, reason) => `Import of ${name} failed: ${reason}`,
};

const zhCN: UrlImportMessages = {
  title: '从链接导入',
  urls: '视频链接，每行一个',
  urlsHint: '视频服务可以下载的 http:// 或 https:// 链接。按 Ctrl+Enter 导入。',
  name: '名称（可选）',
  coverUrl: '封面图片链接（可选）',
  mediaType: '无扩展名链接的文件类型',
  mediaTypeHint: '链接末尾没有视频或音频类型（如 .mp4）时，按此处选择的类型导入。',
  submit: '导入',
  listLabel: '导入任务',
  notHttp: (lines) => `只能导入 http:// 和 https:// 链接。请检查：${lines}`,
  coverNotHttp: '封面链接必须以 http:// 或 https:// 开头。',
  submitting: '正在提交…',
  waiting: '正在视频服务的队列中等待…',
  processing: '视频服务正在下载…',
  succeeded: '已导入',
  failed: '视频服务无法导入此链接。',
  cloudSaid: (reason, code) => `原因：${reason}（错误码：${code}）`,
  started: (n) => (n === 1 ? '导入已开始。' : `${n} 个导入已开始。`),
  done: (name) => `${name} 已导入。`,
  failedAnnouncement: (name, reason) => `${name} 导入失败：${reason}`,
};

/**
 * The panel's strings for a locale (English when none is given). Apart from `VodMessages` so pages
 * without the panel do not load them.
 */
export function urlImportMessagesOf(locale: VodLocale | undefined): UrlImportMessages {
  return locale === 'zh-CN' ? zhCN : en;
}
