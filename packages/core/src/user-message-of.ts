import { cloudMessageOf } from './cloud-messages.js';
import type { VodUploadErrorCode, VodUploadErrorJSON } from './errors.js';

/** Locales `userMessageOf` speaks. */
export type UserMessageLocale = 'en' | 'zh-CN';

type Messages = Readonly<Record<VodUploadErrorCode, string>>;

const EN: Messages = {
  config_invalid: 'The uploader is not set up correctly. Please contact the site owner.',
  request_invalid: 'The upload request was not accepted. Please try again or contact the site owner.',
  policy_refused: 'This file is not allowed here (type, size or settings).',
  unauthorized: 'Please sign in to upload.',
  forbidden: 'You are not allowed to upload here.',
  rate_limited: 'Too many uploads at once. Please wait a moment and try again.',
  request_timeout: 'The connection was too slow to send the upload request. Please try again.',
  body_too_large: 'The upload request was too large. Please contact the site owner.',
  decode_failed: 'The video service answered in an unexpected way. Please try again later.',
  credential_expired: 'The upload permission expired. Please try again.',
  cloud_refused: 'The video service refused the upload.',
  cloud_unavailable: 'The video service is unavailable right now. Please try again later.',
  network: 'The connection was lost. Check your network and try again.',
  aborted: 'The upload was cancelled.',
  file_changed: 'The file changed while it was being uploaded. Please choose it again.',
  integrity_failed: 'The uploaded video did not arrive intact and was not saved. Please try again.',
  file_invalid: 'This file cannot be uploaded (empty, too large or an unsupported type).',
  not_found: 'The upload could not be found. Please start it again.',
  already_imported:
    'This link was already imported in the last 3 days, so it was not imported again. Look for the earlier video, or retry to import it as a new one.',
  store_unavailable: 'The upload service is busy right now. Please try again in a moment.',
  internal: 'Something went wrong. Please try again.',
  // Issue #15
  endpoint_not_found: 'The upload service was not found at its address. Check the endpoint setting.',
  // Issue #18
  processing_failed: 'The video was uploaded, but the video service could not process it.',
  processing_timeout:
    'The video was uploaded and is still being processed. It will be ready later; check back in a while.',
};

const ZH_CN: Messages = {
  config_invalid: '上传组件配置有误，请联系网站管理员。',
  request_invalid: '上传请求未被接受，请重试或联系网站管理员。',
  policy_refused: '不允许上传此文件（类型、大小或设置不符合要求）。',
  unauthorized: '请先登录再上传。',
  forbidden: '您没有上传权限。',
  rate_limited: '上传过于频繁，请稍后再试。',
  request_timeout: '网络过慢，上传请求未能及时发送，请重试。',
  body_too_large: '上传请求过大，请联系网站管理员。',
  decode_failed: '视频服务返回了无法识别的结果，请稍后再试。',
  credential_expired: '上传授权已过期，请重试。',
  cloud_refused: '视频服务拒绝了本次上传。',
  cloud_unavailable: '视频服务暂时不可用，请稍后再试。',
  network: '网络连接中断，请检查网络后重试。',
  aborted: '上传已取消。',
  file_changed: '文件在上传过程中被修改，请重新选择文件。',
  integrity_failed: '上传的视频校验失败（数据不完整），未保存，请重试。',
  file_invalid: '无法上传此文件（文件为空、过大或格式不支持）。',
  not_found: '找不到该上传任务，请重新开始。',
  already_imported:
    '该链接在最近 3 天内已导入过，因此未再次导入。请查找之前导入的视频，或重试以作为新视频导入。',
  store_unavailable: '上传服务暂时繁忙，请稍后重试。',
  internal: '出现了问题，请重试。',
  // Issue #15
  endpoint_not_found: '在设置的地址上找不到上传服务，请检查 endpoint 设置。',
  // Issue #18
  processing_failed: '视频已上传，但视频服务无法处理该视频。',
  processing_timeout: '视频已上传，仍在处理中，稍后即可播放，请过一会儿再来查看。',
};

/**
 * Whether a string (an endpoint's answer, say) is one of our codes; `__proto__`, `toString` and the
 * codes of a newer version are not. The sentence table has exactly one entry per code (TypeScript
 * checks it is complete), so it is the list.
 */
export function isVodUploadErrorCode(value: string): value is VodUploadErrorCode {
  return Object.hasOwn(EN, value);
}

/**
 * Words a user understands for an error, per `code`, in English or Simplified Chinese: what happened
 * and what to do, nothing else. An error that carries the cloud's own code (`cloudCode`, with its
 * `provider`) reads as that code's sentence from the seed table (`cloudMessageOf`) when the table
 * classifies it as this same `code`. The developer's detail (the cloud's code, the field, the request id,
 * the raw `message`) is not for this sentence: `developerDetailOf` puts it in one line for
 * `onError` handlers and the console.
 *
 * @example
 * userMessageOf(error, 'zh-CN') // '视频服务拒绝了本次上传。'
 */
export function userMessageOf(
  error: Pick<VodUploadErrorJSON, 'code' | 'provider' | 'cloudCode'>,
  locale: UserMessageLocale = 'en',
): string {
  const seed = error.cloudCode ? cloudMessageOf(error.provider, error.cloudCode) : undefined;
  // A code the server reclassified (its own key refused → internal) keeps the code's sentence.
  if (seed && seed.errorCode === error.code) return locale === 'zh-CN' ? seed.zhCN : seed.en;
  const table = locale === 'zh-CN' ? ZH_CN : EN;
  return isVodUploadErrorCode(error.code) ? table[error.code] : table.internal;
}
