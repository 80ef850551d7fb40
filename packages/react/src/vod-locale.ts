import type { Locale } from '@uppy/core/utils';
import zh_CN from '@uppy/locales/lib/zh_CN.js';

/** The languages every string is available in, Uppy's and ours. */
export type VodLocale = 'en' | 'zh-CN';

/** Uppy's own strings for a locale; undefined keeps Uppy's built-in English. */
export function uppyLocaleOf(locale: VodLocale | undefined): Locale<0> | undefined {
  return locale === 'zh-CN' ? zh_CN : undefined;
}
