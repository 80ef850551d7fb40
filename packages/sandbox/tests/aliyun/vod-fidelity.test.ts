import { describe, expect, it } from 'vitest';
import { decodeBase64Json, type UploadAddress, type UploadAuth, useAliyunFixture } from './aliyun-fixture.js';

interface Created {
  VideoId: string;
  UploadAddress: string;
  UploadAuth: string;
}

const f = useAliyunFixture((f) => f.sandbox.context.faults.reset());

const video = { Title: 'ok', FileName: 'ok.mp4' };

describe('ApsaraVideo VOD fidelity to the seed documents', () => {
  it('sandbox refuses a StorageLocation the account lacks with InvalidStorage.NotFound 404', async () => {
    const refused = await f.refusal('CreateUploadVideo', { ...video, StorageLocation: 'other-bucket' });
    expect([refused.code, refused.status]).toEqual(['InvalidStorage.NotFound', 404]);
    const image = await f.refusal('CreateUploadImage', { ImageType: 'cover', StorageLocation: 'elsewhere' });
    expect([image.code, image.status]).toEqual(['InvalidStorage.NotFound', 404]);
    const { bucket } = f.sandbox.descriptor.aliyun;
    expect(
      (await f.call<Created>('CreateUploadVideo', { ...video, StorageLocation: bucket })).VideoId,
    ).toBeTruthy();
  });

  it('sandbox refuses RefreshUploadVideo of a video whose source file is gone with InvalidVideo.Damaged', async () => {
    const created = await f.call<Created>('CreateUploadVideo', video);
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress);
    const auth = decodeBase64Json<UploadAuth>(created.UploadAuth);
    await f.oss(address, auth).put(address.FileName, Buffer.from('video bytes'));
    const seen = await f.call<{ Video: { Status: string } }>('GetVideoInfo', { VideoId: created.VideoId });
    expect(seen.Video.Status).toBe('UploadSucc');
    // While the file is there, a refresh is answered (re-uploading the source is allowed).
    expect(
      (await f.call<Created>('RefreshUploadVideo', { VideoId: created.VideoId })).UploadAuth,
    ).toBeTruthy();

    const url = `${f.sandbox.descriptor.adminUrl}/objects?bucket=${address.Bucket}&key=${encodeURIComponent(address.FileName)}`;
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(200);
    const refused = await f.refusal('RefreshUploadVideo', { VideoId: created.VideoId });
    expect([refused.code, refused.status]).toEqual(['InvalidVideo.Damaged', 400]);
  });

  it('sandbox refuses the extensions the default list no longer offers for Alibaba (m2ts, ogv, opus, m3u8)', async () => {
    for (const extension of ['m2ts', 'ogv', 'opus', 'm3u8']) {
      const refused = await f.refusal('CreateUploadVideo', { ...video, FileName: `clip.${extension}` });
      expect([extension, refused.code]).toEqual([extension, 'InvalidFileName.Extension']);
    }
  });
});

describe('fault injection on the VOD control API', () => {
  it('sandbox answers an injected CreateUploadVideo fault with InternalError 500 in its JSON envelope, once', async () => {
    f.sandbox.context.faults.set({
      failVodCalls: [{ api: 'aliyun-vod', action: 'CreateUploadVideo', count: 1 }],
    });
    expect(
      (await f.call<{ ImageId: string }>('CreateUploadImage', { ImageType: 'cover' })).ImageId,
    ).toBeTruthy();
    const failed = await f.refusal('CreateUploadVideo', video);
    expect([failed.code, failed.status]).toEqual(['InternalError', 500]);
    const logged = f.sandbox.context.log.list().filter((r) => r.action === 'CreateUploadVideo');
    expect(logged.at(-1)).toMatchObject({ fault: '500', errorCode: 'InternalError' });
    expect(failed.data.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect((await f.call<Created>('CreateUploadVideo', video)).VideoId).toBeTruthy();
  });

  it('sandbox answers a 503 fault with ServiceUnavailable, set through POST /_sandbox/faults', async () => {
    const posted = await fetch(`${f.sandbox.descriptor.adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        failVodCalls: [{ api: 'aliyun-vod', action: 'RefreshUploadVideo', count: 1, status: 503 }],
      }),
    });
    expect(posted.status).toBe(200);
    const created = await f.call<Created>('CreateUploadVideo', video);
    const failed = await f.refusal('RefreshUploadVideo', { VideoId: created.VideoId });
    expect([failed.code, failed.status]).toEqual(['ServiceUnavailable', 503]);
  });
});
