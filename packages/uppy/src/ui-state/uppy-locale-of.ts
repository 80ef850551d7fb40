import type { Locale } from '@uppy/core/utils';
import zh_CN from '@uppy/locales/lib/zh_CN.js';
import type { VodLocale } from './vod-locale.js';

/** Uppy's own strings for a locale; undefined keeps Uppy's built-in English. */
export function uppyLocaleOf(locale: VodLocale | undefined): Locale<0> | undefined {
  return locale === 'zh-CN' ? zh_CN : undefined;
}
