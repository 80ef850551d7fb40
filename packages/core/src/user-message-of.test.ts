import { describe, expect, it } from 'vitest';
import { userMessageOf, type VodUploadErrorCode, vodError } from './index.js';

const CODES: VodUploadErrorCode[] = [
  'config_invalid',
  'request_invalid',
  'policy_refused',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'decode_failed',
  'credential_expired',
  'cloud_refused',
  'cloud_unavailable',
  'network',
  'aborted',
  'file_changed',
  'integrity_failed',
  'file_invalid',
  'not_found',
  'internal',
];

describe('userMessageOf', () => {
  it('has a distinct message for every code in both locales', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const messages = CODES.map((code) => userMessageOf(vodError(code, 'dev text'), locale));
      expect(new Set(messages).size).toBe(CODES.length);
      for (const message of messages) expect(message).not.toContain('dev text');
    }
  });

  it('speaks Chinese for zh-CN', () => {
    expect(userMessageOf(vodError('network', 'x'), 'zh-CN')).toBe('网络连接中断，请检查网络后重试。');
  });

  it('adds the cloud code and request id to a cloud refusal', () => {
    const error = vodError('cloud_refused', 'x', {
      cloudCode: 'InvalidParameterValue.MediaType',
      requestId: 'r-1',
    });
    expect(userMessageOf(error)).toBe(
      'The video service refused the upload. (code: InvalidParameterValue.MediaType, request id: r-1)',
    );
    expect(userMessageOf(error, 'zh-CN')).toBe(
      '视频服务拒绝了本次上传。（错误码：InvalidParameterValue.MediaType，请求 ID：r-1）',
    );
  });

  it('adds the field to a decode failure', () => {
    const error = vodError('decode_failed', 'x', { field: 'UploadAuth.Expiration' });
    expect(userMessageOf(error, 'en')).toContain('(field: UploadAuth.Expiration)');
  });

  it('works on the wire form and falls back for an unknown code', () => {
    expect(userMessageOf({ code: 'unauthorized' }, 'en')).toBe('Please sign in to upload.');
    expect(userMessageOf({ code: 'brand_new' as VodUploadErrorCode }, 'en')).toBe(
      'Something went wrong. Please try again.',
    );
  });
});
