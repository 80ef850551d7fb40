import type { TencentUploadTarget } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { CosProtocol, type CosRemoteSignFn } from './cos-protocol.js';

const clock = { now: () => 1_700_000_000_000, offsetMs: 0 };
const v2Target: TencentUploadTarget = {
  provider: 'tencent',
  bucket: 'vodsandbox-1250000000',
  region: 'ap-guangzhou',
  mediaKey: 'dir/f0.mp4',
  vodSessionKey: 'k',
  legacy: true,
};
const location = { domain: '127.0.0.1:9000/{Bucket}', protocol: 'http:' as const };

describe('CosProtocol (legacy v2)', () => {
  it('has each part and single PUT signed remotely for its key, query and host, with no token, and sent with the no-overwrite condition', async () => {
    const asked: Parameters<CosRemoteSignFn>[0][] = [];
    const remote: CosRemoteSignFn = async (request) => {
      asked.push(request);
      return `q-sign-algorithm=sha1&q-ak=AKID&n=${asked.length}`;
    };
    const protocol = new CosProtocol(v2Target, v2Target.mediaKey, location, clock, remote);
    const part = await protocol.signPart('up-1', 3, 100);
    expect(part).toEqual({
      url: 'http://127.0.0.1:9000/vodsandbox-1250000000/dir/f0.mp4?partNumber=3&uploadId=up-1',
      method: 'PUT',
      headers: { Authorization: 'q-sign-algorithm=sha1&q-ak=AKID&n=1', 'x-cos-forbid-overwrite': 'true' },
    });
    // A single PUT, as a part, is signed and sent with COS's no-overwrite condition: it stores the
    // object once.
    const put = await protocol.signPut(100);
    expect(put.headers).toEqual({
      Authorization: 'q-sign-algorithm=sha1&q-ak=AKID&n=2',
      'x-cos-forbid-overwrite': 'true',
    });
    expect(asked).toEqual([
      {
        method: 'PUT',
        key: 'dir/f0.mp4',
        query: { partNumber: '3', uploadId: 'up-1' },
        headers: { host: '127.0.0.1:9000', 'x-cos-forbid-overwrite': 'true' },
      },
      {
        method: 'PUT',
        key: 'dir/f0.mp4',
        query: {},
        headers: { host: '127.0.0.1:9000', 'x-cos-forbid-overwrite': 'true' },
      },
    ]);
  });

  it('passes the endpoint refusal through, and refuses a v2 target without a remote signer', async () => {
    const refusal = new Error('forbidden');
    const protocol = new CosProtocol(v2Target, v2Target.mediaKey, location, clock, () =>
      Promise.reject(refusal),
    );
    await expect(protocol.signPart('u', 1, 1)).rejects.toBe(refusal);
    const unsigned = new CosProtocol(v2Target, v2Target.mediaKey, location, clock);
    await expect(unsigned.signPut(1)).rejects.toMatchObject({ code: 'config_invalid' });
  });
});
