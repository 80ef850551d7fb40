import { describe, expect, it } from 'vitest';
import { decodeS3SignResponse, isVodUploadError } from './index.js';

describe('decodeS3SignResponse', () => {
  it('reads the presigned URL, the chosen key and the signed headers', () => {
    const raw = {
      url: 'http://127.0.0.1:9000/vod-sandbox/uploads/a.mp4?X-Amz-Signature=abc',
      key: 'uploads/a.mp4',
      headers: { 'content-type': 'video/mp4' },
    };
    expect(decodeS3SignResponse(raw)).toEqual(raw);
    expect(decodeS3SignResponse({ url: 'https://s3.example.com/b/k?x=1' })).toEqual({
      url: 'https://s3.example.com/b/k?x=1',
    });
  });

  it.each([
    [{}, 'url'],
    [{ url: 42 }, 'url'],
    [{ url: 'javascript:alert(1)' }, 'url'],
    [{ url: 'https://s3.example.com/k', key: 7 }, 'key'],
    [{ url: 'https://s3.example.com/k', headers: { a: 1 } }, 'headers.a'],
    [{ url: 'https://s3.example.com/k', headers: 'x' }, 'headers'],
  ])('refuses %j naming %s', (raw, field) => {
    try {
      decodeS3SignResponse(raw);
      expect.unreachable();
    } catch (error) {
      expect(isVodUploadError(error) && [error.code, error.field]).toEqual(['decode_failed', field]);
    }
  });
});
