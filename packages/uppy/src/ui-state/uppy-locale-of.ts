import type { Locale } from '@uppy/core/utils';
import zh_CN from '@uppy/locales/lib/zh_CN.js';
import type { VodLocale } from './vod-locale.js';

/**
 * English: no strings of its own, so every plugin's built-in English applies. Passed (rather than
 * nothing) so that switching back from another locale replaces its strings.
 */
const ENGLISH: Locale<0 | 1> = { strings: {}, pluralize: (count: number) => (count === 1 ? 0 : 1) };

/** Uppy's own strings for a locale. */
export function uppyLocaleOf(locale: VodLocale | undefined): Locale<0> | Locale<0 | 1> {
  return locale === 'zh-CN' ? zh_CN : ENGLISH;
}
