import { describe, expect, it } from 'vitest';
import { decodeS3SignPartsResponse, isVodUploadError } from './index.js';

const url = (n: number) => `http://127.0.0.1:9000/b/k?partNumber=${n}&X-Amz-Signature=abc`;

describe('decodeS3SignPartsResponse', () => {
  it('reads one presigned request per part, in the order asked', () => {
    const raw = {
      parts: [
        { partNumber: 3, url: url(3), headers: { 'x-amz-checksum-crc32c': '4waSgw==' } },
        { partNumber: 4, url: url(4) },
      ],
    };
    expect(decodeS3SignPartsResponse(raw, [3, 4])).toEqual(raw);
  });

  it.each([
    [{}, [1], 'parts'],
    [{ parts: 'x' }, [1], 'parts'],
    [{ parts: [{ partNumber: 1, url: url(1) }] }, [1, 2], 'parts'],
    [{ parts: [{ partNumber: 2, url: url(2) }] }, [1], 'parts.0.partNumber'],
    [{ parts: [{ partNumber: 1, url: 'javascript:x' }] }, [1], 'parts.0.url'],
    [{ parts: [{ partNumber: 1, url: url(1), headers: { a: 1 } }] }, [1], 'parts.0.headers.a'],
  ])('refuses %j (asked %j) naming %s', (raw, asked, field) => {
    try {
      decodeS3SignPartsResponse(raw, asked);
      expect.unreachable();
    } catch (error) {
      expect(isVodUploadError(error) && [error.code, error.field]).toEqual(['decode_failed', field]);
    }
  });
});
