import { describe, expect, it } from 'vitest';
import { startAliyunFixture } from '../aliyun/aliyun-fixture.js';
import { refusal, startTencentFixture, type TempCertificate } from '../tencent/tencent-fixture.js';

interface CreateUploadVideoResult {
  VideoId: string;
  UploadAuth: string;
}

describe('temporary credentials are scoped by cloud and API', () => {
  it("sandbox refuses an UploadAuth (OSS STS) on the VOD RPC API: 403 Forbidden.RAM, another's video untouched", async () => {
    const f = await startAliyunFixture();
    try {
      const victim = await f.call<CreateUploadVideoResult>('CreateUploadVideo', {
        Title: 'bob',
        FileName: 'b.mp4',
      });
      const attacker = await f.call<CreateUploadVideoResult>('CreateUploadVideo', {
        Title: 'eve',
        FileName: 'e.mp4',
      });
      const sts = f.stsVodClient(attacker.UploadAuth);
      for (const [action, params] of [
        ['GetVideoInfo', { VideoId: victim.VideoId }],
        ['RefreshUploadVideo', { VideoId: victim.VideoId }],
        ['DeleteVideo', { VideoIds: victim.VideoId }],
        ['CreateUploadVideo', { Title: 'more', FileName: 'm.mp4' }],
      ] as const) {
        const error = await f.refusal(action, params, sts);
        expect([action, error.code, error.status]).toEqual([action, 'Forbidden.RAM', 403]);
      }
      // Still there, for its owner's key.
      const info = await f.call<{ Video: { VideoId: string } }>('GetVideoInfo', { VideoId: victim.VideoId });
      expect(info.Video.VideoId).toBe(victim.VideoId);
    } finally {
      await f.sandbox.close();
    }
  });

  it('sandbox refuses a COS TempCertificate on VOD API 3.0: AuthFailure.SecretIdNotFound', async () => {
    const t = await startTencentFixture();
    try {
      const applied = await t.vod.ApplyUpload({ MediaType: 'mp4' });
      const certificate = applied.TempCertificate as TempCertificate;
      const vod = t.vodWith(certificate.SecretId, certificate.SecretKey);
      for (const call of [
        () => vod.ApplyUpload({ MediaType: 'mp4' }),
        () => vod.CommitUpload({ VodSessionKey: applied.VodSessionKey! }),
        () => vod.DescribeMediaInfos({ FileIds: ['1'] }),
      ]) {
        expect((await refusal(call())).code).toBe('AuthFailure.SecretIdNotFound');
      }
      // The session is still the owner's to commit (it fails only because nothing was uploaded).
      expect((await refusal(t.vod.CommitUpload({ VodSessionKey: applied.VodSessionKey! }))).code).toBe(
        'FailedOperation',
      );
    } finally {
      await t.sandbox.close();
    }
  });
});
