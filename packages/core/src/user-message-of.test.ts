import { describe, expect, it } from 'vitest';
import { userMessageOf, type VodUploadErrorCode, vodError } from './index.js';

const CODES: VodUploadErrorCode[] = [
  'config_invalid',
  'request_invalid',
  'policy_refused',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'request_timeout',
  'body_too_large',
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
  'store_unavailable',
  'internal',
  'endpoint_not_found',
  'processing_failed',
  'processing_timeout',
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

  it('keeps the developer detail (cloud code, field, request id) out of the sentence', () => {
    const refusal = vodError('cloud_refused', 'x', {
      cloudCode: 'InvalidParameterValue.MediaType',
      requestId: 'r-1',
    });
    expect(userMessageOf(refusal)).toBe('The video service refused the upload.');
    expect(userMessageOf(refusal, 'zh-CN')).toBe('视频服务拒绝了本次上传。');
    const decode = vodError('decode_failed', 'x', { field: 'error' });
    expect(userMessageOf(decode)).toBe(
      'The video service answered in an unexpected way. Please try again later.',
    );
  });

  it('says a wrong endpoint path is one, in both locales', () => {
    const error = vodError('endpoint_not_found', 'HTTP 404 at /api/vdo');
    expect(userMessageOf(error)).toBe(
      'The upload service was not found at its address. Check the endpoint setting.',
    );
    expect(userMessageOf(error, 'zh-CN')).toBe('在设置的地址上找不到上传服务，请检查 endpoint 设置。');
  });

  it('works on the wire form and falls back for an unknown code', () => {
    expect(userMessageOf({ code: 'unauthorized' }, 'en')).toBe('Please sign in to upload.');
    expect(userMessageOf({ code: 'brand_new' as VodUploadErrorCode }, 'en')).toBe(
      'Something went wrong. Please try again.',
    );
    for (const code of ['__proto__', 'toString', 'constructor'] as unknown as VodUploadErrorCode[]) {
      expect(userMessageOf({ code }, 'zh-CN'), code).toBe(userMessageOf({ code: 'internal' }, 'zh-CN'));
    }
  });
});
