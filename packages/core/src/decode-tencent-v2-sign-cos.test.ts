import { describe, expect, it } from 'vitest';
import { decodeTencentV2SignCos, isVodUploadError } from './index.js';

describe('decodeTencentV2SignCos', () => {
  const authorization =
    'q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list=&q-signature=ab';

  it('reads the signature and its validity', () => {
    expect(decodeTencentV2SignCos({ authorization, startTime: 1, expiredTime: 2 })).toEqual({
      authorization,
      startTime: 1,
      expiredTime: 2,
    });
  });

  it('names authorization when it is not a q-sign value', () => {
    try {
      decodeTencentV2SignCos({ authorization: 'Bearer x', startTime: 1, expiredTime: 2 });
      expect.unreachable();
    } catch (error) {
      expect(isVodUploadError(error) && error.field).toBe('authorization');
    }
  });
});
