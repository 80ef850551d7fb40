import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../../../../tests/support/fixtures-dir.js';
import {
  bytes,
  decodeBase64Json,
  sha256,
  type UploadAddress,
  type UploadAuth,
  useAliyunFixture,
} from './aliyun-fixture.js';

interface CreateUploadVideoResult {
  RequestId: string;
  VideoId: string;
  UploadAddress: string;
  UploadAuth: string;
}

const f = useAliyunFixture();

describe('ApsaraVideo VOD upload with @alicloud/pop-core and ali-oss', () => {
  it('CreateUploadVideo → ali-oss multipartUpload (4 parts) → video UploadSucc then Normal', async () => {
    const body = bytes(350 * 1024);
    const created = await f.call<CreateUploadVideoResult>('CreateUploadVideo', {
      Title: 'Sandbox video',
      FileName: 'C:\\videos\\holiday.MP4',
      FileSize: body.length,
      Tags: 'a,b',
      UserData: '{"Extend":{"localId":"x"}}',
    });
    expect(created.VideoId).toMatch(/^[0-9a-f]{32}$/);
    expect(created.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress);
    const auth = decodeBase64Json<UploadAuth>(created.UploadAuth);
    expect(address).toEqual({
      Endpoint: f.sandbox.descriptor.aliyun.ossEndpoint,
      Bucket: f.sandbox.descriptor.aliyun.bucket,
      FileName: expect.stringMatching(/^sv\/[0-9a-f-]+\/[0-9a-f-]+\.mp4$/),
    });
    expect(auth.Expiration).toBe('3000');
    expect(Date.parse(auth.ExpireUTCTime) - Date.now()).toBeGreaterThan(2900_000);
    expect(auth.AccessKeyId).toMatch(/^STS\./);
    expect(auth.Region).toBe('cn-shanghai');

    const before = await f.call<{ Video: { Status: string } }>('GetVideoInfo', { VideoId: created.VideoId });
    expect(before.Video.Status).toBe('Uploading');

    const oss = f.oss(address, auth);
    const progress: number[] = [];
    const result = await oss.multipartUpload(address.FileName, body, {
      partSize: 100 * 1024,
      parallel: 2,
      progress: async (p: number) => {
        progress.push(p);
      },
    });
    expect(result.res.status).toBe(200);
    expect(progress.at(-1)).toBe(1);
    const parts = f.sandbox.context.log
      .list()
      .filter((r) => r.action === 'UploadPart' && r.key === address.FileName);
    expect(parts.map((r) => r.partNumber).sort()).toEqual([1, 2, 3, 4]);
    expect(await f.stored(address.Bucket, address.FileName)).toEqual({
      size: body.length,
      sha256: sha256(body),
    });

    const first = await f.call<{ Video: { Status: string; Size: number; Title: string } }>('GetVideoInfo', {
      VideoId: created.VideoId,
    });
    expect(first.Video).toMatchObject({ Status: 'UploadSucc', Size: body.length, Title: 'Sandbox video' });
    const mezzanine = await f.call<{ Mezzanine: { Status: string; Size: number; FileName: string } }>(
      'GetMezzanineInfo',
      { VideoId: created.VideoId },
    );
    expect(mezzanine.Mezzanine).toMatchObject({
      Status: 'Normal',
      Size: body.length,
      FileName: 'C:\\videos\\holiday.MP4',
    });
    // No transcoding in the sandbox: the read after UploadSucc finds the video ready.
    const second = await f.call<{ Video: { Status: string } }>('GetVideoInfo', { VideoId: created.VideoId });
    expect(second.Video.Status).toBe('Normal');

    // The play URL is public (no signature), as VOD's bucket is.
    const play = await fetch(`${address.Endpoint}/${address.Bucket}/${address.FileName}`, {
      headers: { range: 'bytes=100-199' },
    });
    expect(play.status).toBe(206);
    expect(Buffer.from(await play.arrayBuffer())).toEqual(body.subarray(100, 200));
  });

  it('a 24 MiB multipartUpload (1 MiB parts, 5 in parallel, the SDK default) lands byte for byte', async () => {
    const body = bytes(24 * 1024 * 1024, 11);
    const created = await f.call<CreateUploadVideoResult>('CreateUploadVideo', {
      Title: 'big',
      FileName: 'big.mp4',
    });
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress);
    const oss = f.oss(address, decodeBase64Json<UploadAuth>(created.UploadAuth));
    const since = f.sandbox.context.log.lastSeq;
    await oss.multipartUpload(address.FileName, body, { partSize: 1024 * 1024, parallel: 5 });
    expect(await f.stored(address.Bucket, address.FileName)).toEqual({
      size: body.length,
      sha256: sha256(body),
    });
    const parts = f.sandbox.context.log.list(since).filter((r) => r.action === 'UploadPart');
    expect(parts).toHaveLength(24);
    expect(parts.reduce((sum, r) => sum + r.bytesIn, 0)).toBe(body.length);
  });

  it('RefreshUploadVideo gives the same address and a new credential that works', async () => {
    const created = await f.call<CreateUploadVideoResult>('CreateUploadVideo', {
      Title: 'refresh',
      FileName: 'clip.webm',
    });
    const refreshed = await f.call<CreateUploadVideoResult>('RefreshUploadVideo', {
      VideoId: created.VideoId,
    });
    expect(refreshed.VideoId).toBe(created.VideoId);
    expect(decodeBase64Json(refreshed.UploadAddress)).toEqual(decodeBase64Json(created.UploadAddress));
    const oldAuth = decodeBase64Json<UploadAuth>(created.UploadAuth);
    const newAuth = decodeBase64Json<UploadAuth>(refreshed.UploadAuth);
    expect(newAuth.AccessKeyId).not.toBe(oldAuth.AccessKeyId);
    const address = decodeBase64Json<UploadAddress>(refreshed.UploadAddress);
    const media = readFileSync(join(fixturesDir, 'sample-6s-640x360.mp4'));
    await f.oss(address, newAuth).put(address.FileName, media);
    expect(await f.stored(address.Bucket, address.FileName)).toEqual({
      size: media.length,
      sha256: sha256(media),
    });
  });

  it('CreateUploadImage → ali-oss put → GetImageInfo resolves, ImageURL serves the bytes', async () => {
    const image = readFileSync(join(fixturesDir, 'image-256.png'));
    const created = await f.call<{
      ImageId: string;
      ImageURL: string;
      FileURL: string;
      UploadAddress: string;
      UploadAuth: string;
    }>('CreateUploadImage', { ImageType: 'cover', Title: 'cover', OriginalFileName: 'image-256.png' });
    expect(created.ImageId).toMatch(/^[0-9a-f]{32}$/);
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress);
    expect(address.FileName).toMatch(/^image\/cover\/[0-9A-F]{32}-6-2\.png$/);
    expect(created.ImageURL).toBe(`${address.Endpoint}/${address.Bucket}/${address.FileName}`);
    const auth = decodeBase64Json<UploadAuth>(created.UploadAuth);
    const put = await f.oss(address, auth).put(address.FileName, image, { mime: 'image/png' });
    expect(put.res.status).toBe(200);
    expect(await f.stored(address.Bucket, address.FileName)).toEqual({
      size: image.length,
      sha256: sha256(image),
    });
    const info = await f.call<{ ImageInfo: { ImageId: string; Status: string; ImageType: string } }>(
      'GetImageInfo',
      {
        ImageId: created.ImageId,
      },
    );
    expect(info.ImageInfo).toMatchObject({ ImageId: created.ImageId, Status: 'Normal', ImageType: 'cover' });
    const served = await fetch(created.ImageURL);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(sha256(image));
  });

  it('DeleteVideo removes the video and its object; GetVideoInfo then answers InvalidVideo.NotFound', async () => {
    const created = await f.call<CreateUploadVideoResult>('CreateUploadVideo', {
      Title: 'del',
      FileName: 'a.mov',
    });
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress);
    await f.oss(address, decodeBase64Json<UploadAuth>(created.UploadAuth)).put(address.FileName, bytes(1000));
    const deleted = await f.call<{ NonExistVideoIds?: string[] }>('DeleteVideo', {
      VideoIds: `${created.VideoId},${'0'.repeat(32)}`,
    });
    expect(deleted.NonExistVideoIds).toEqual(['0'.repeat(32)]);
    expect(await f.stored(address.Bucket, address.FileName)).toBeUndefined();
    const refusal = await f.refusal('GetVideoInfo', { VideoId: created.VideoId });
    expect([refusal.code, refusal.status]).toEqual(['InvalidVideo.NotFound', 404]);
  });

  it('accepts GET calls; an UploadAuth (STS) is Forbidden.RAM on the VOD API, as its policy only writes OSS', async () => {
    const created = await f.vod.request<CreateUploadVideoResult>('CreateUploadVideo', {
      Title: 'via GET',
      FileName: 'x.mp4',
    });
    const sts = f.stsVodClient(created.UploadAuth);
    const forbidden = await f.refusal('GetVideoInfo', { VideoId: created.VideoId }, sts);
    expect([forbidden.code, forbidden.status]).toEqual(['Forbidden.RAM', 403]);
    const auth = decodeBase64Json<UploadAuth>(created.UploadAuth);
    const mismatch = f.vodClient({
      accessKeyId: auth.AccessKeyId,
      accessKeySecret: auth.AccessKeySecret,
      securityToken: 'not-the-token',
    });
    const refusal = await f.refusal('GetVideoInfo', { VideoId: created.VideoId }, mismatch);
    expect([refusal.code, refusal.status]).toEqual(['InvalidSecurityToken.MismatchWithAccessKey', 400]);
  });
});
