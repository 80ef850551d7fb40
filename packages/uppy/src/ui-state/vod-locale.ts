/** The languages every string is available in, Uppy's and ours. */
export type VodLocale = 'en' | 'zh-CN';
