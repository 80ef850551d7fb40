import { describe, expect, it } from 'vitest';
import { caught } from '../tests/fixtures/caught.js';
import { decodeAliyunComplete } from './index.js';

const video = { VideoId: 'a'.repeat(32), Status: 'UploadSucc' };

describe('decodeAliyunComplete', () => {
  it("takes the source file's URL from Mezzanine.FileURL", () => {
    const raw = {
      RequestId: 'r',
      Video: video,
      Mezzanine: { FileURL: 'http://127.0.0.1:9/outin-sandbox/sv/a/a.mp4', Status: 'Normal' },
    };
    expect(decodeAliyunComplete(raw)).toEqual({ url: 'http://127.0.0.1:9/outin-sandbox/sv/a/a.mp4' });
  });

  it('has no URL when the endpoint sent no mezzanine (GetVideoInfo alone)', () => {
    expect(decodeAliyunComplete({ RequestId: 'r', Video: video })).toEqual({});
  });

  it('names Mezzanine.FileURL when it is not a string, and rethrows the cloud’s error', () => {
    const bad = caught(() => decodeAliyunComplete({ Video: video, Mezzanine: { FileURL: 7 } }));
    expect(bad).toMatchObject({ code: 'decode_failed', field: 'Mezzanine.FileURL' });
    const refused = caught(() =>
      decodeAliyunComplete({ Code: 'InvalidVideo.NotFound', Message: 'gone', RequestId: 'r' }),
    );
    expect(refused).toMatchObject({ cloudCode: 'InvalidVideo.NotFound', requestId: 'r' });
  });
});
