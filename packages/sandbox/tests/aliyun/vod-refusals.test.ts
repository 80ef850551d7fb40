import { describe, expect, it } from 'vitest';
import { useAliyunFixture } from './aliyun-fixture.js';

const f = useAliyunFixture((f) => {
  f.sandbox.context.clock.skewMs = 0;
});

const video = { Title: 'ok', FileName: 'ok.mp4' };

describe('VOD RPC gateway refusals', () => {
  it('a wrong secret → SignatureDoesNotMatch 400 with the JSON envelope', async () => {
    const wrong = f.vodClient({ accessKeySecret: 'not-the-secret' });
    const error = await f.refusal('CreateUploadVideo', video, wrong);
    expect(error.status).toBe(400);
    expect(error.data).toMatchObject({
      Code: 'SignatureDoesNotMatch',
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      HostId: expect.any(String),
      Recommend: expect.stringContaining('SignatureDoesNotMatch'),
    });
    expect(error.data.Message).toContain('POST&%2F&');
  });

  it('an unknown AccessKeyId → InvalidAccessKeyId.NotFound 404', async () => {
    const error = await f.refusal('CreateUploadVideo', video, f.vodClient({ accessKeyId: 'LTAInobody' }));
    expect([error.code, error.status]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
  });

  it('a replayed SignatureNonce → SignatureNonceUsed 400', async () => {
    const before = f.sandbox.context.log.lastSeq;
    await f.vod.request('GetVideoInfo', { VideoId: '0'.repeat(32) }).catch(() => undefined);
    const sent = f.sandbox.context.log.list(before).find((r) => r.api === 'aliyun-vod');
    expect(sent?.path).toContain('SignatureNonce=');
    const replay = await fetch(`${f.sandbox.url}${sent!.path}`);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { Code: string }).Code).toBe('SignatureNonceUsed');
  });

  it('a Timestamp outside the window of the sandbox clock → InvalidTimeStamp.Expired 400', async () => {
    await fetch(`${f.sandbox.descriptor.adminUrl}/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"skewMs":900000}',
    });
    const error = await f.refusal('CreateUploadVideo', video);
    expect([error.code, error.status]).toEqual(['InvalidTimeStamp.Expired', 400]);
  });

  it('a malformed Timestamp, another Version, an unknown action', async () => {
    const url = new URL(f.sandbox.url);
    url.search = new URLSearchParams({
      Action: 'GetVideoInfo',
      Version: '2017-03-21',
      SignatureVersion: '1.0',
      SignatureMethod: 'HMAC-SHA1',
      Timestamp: 'yesterday',
      SignatureNonce: 'n1',
      AccessKeyId: f.sandbox.descriptor.aliyun.accessKeyId,
      Signature: 'x',
    }).toString();
    const badTime = await fetch(url);
    expect([badTime.status, ((await badTime.json()) as { Code: string }).Code]).toEqual([
      400,
      'InvalidTimeStamp.Format',
    ]);
    const oldVersion = await f.refusal('CreateUploadVideo', video, f.vodClient({ apiVersion: '2014-05-26' }));
    expect([oldVersion.code, oldVersion.status]).toEqual(['InvalidVersion', 400]);
    const unknown = await f.refusal('DescribeNothing', {});
    expect([unknown.code, unknown.status]).toEqual(['InvalidAction.NotFound', 404]);
  });

  it('RefreshUploadVideo of an unknown VideoId → InvalidVideo.NotFound 404', async () => {
    const error = await f.refusal('RefreshUploadVideo', { VideoId: 'f'.repeat(32) });
    expect([error.code, error.status]).toEqual(['InvalidVideo.NotFound', 404]);
    const image = await f.refusal('GetImageInfo', { ImageId: 'f'.repeat(32) });
    expect([image.code, image.status]).toEqual(['InvalidImage.NotFound', 404]);
  });
});

describe('CreateUploadVideo / CreateUploadImage validation', () => {
  const tooMany = Array.from({ length: 17 }, (_, i) => `t${i}`).join(',');
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['no Title', { FileName: 'a.mp4' }, 'MissingTitle'],
    ['no FileName', { Title: 't' }, 'MissingFileName'],
    ['Title over 128 chars', { ...video, Title: 'é'.repeat(129) }, 'InvalidParameter.Title'],
    ['FileName without extension', { ...video, FileName: 'movie' }, 'InvalidFileName.Extension'],
    [
      'FileName with an unsupported extension',
      { ...video, FileName: 'notes.txt' },
      'InvalidFileName.Extension',
    ],
    ['FileSize not a number', { ...video, FileSize: '12kb' }, 'InvalidParameter.FileSize'],
    [
      'Description over 1024 chars',
      { ...video, Description: 'd'.repeat(1025) },
      'InvalidParameter.Description',
    ],
    ['CoverURL not http(s)', { ...video, CoverURL: 'javascript:alert(1)' }, 'InvalidParameter.CoverURL'],
    ['CateId not an integer', { ...video, CateId: '-3' }, 'InvalidParameter.CateId'],
    ['17 Tags', { ...video, Tags: tooMany }, 'InvalidParameter.Tags'],
    ['a Tag over 32 chars', { ...video, Tags: `ok,${'x'.repeat(33)}` }, 'InvalidParameter.Tags'],
    ['TemplateGroupId with spaces', { ...video, TemplateGroupId: 'a b' }, 'InvalidParameter.TemplateGroupId'],
    ['WorkflowId with a slash', { ...video, WorkflowId: 'a/b' }, 'InvalidParameter.WorkflowId'],
    ['UserData not JSON', { ...video, UserData: '{oops' }, 'InvalidParameter.UserData'],
    ['UserData a JSON array', { ...video, UserData: '[1]' }, 'InvalidParameter.UserData'],
    ['AppId malformed', { ...video, AppId: 'myapp' }, 'InvalidParameter.AppId'],
    ['ReferenceId too short', { ...video, ReferenceId: 'abc' }, 'InvalidParameter.ReferenceId'],
    ['ReferenceId with a dot', { ...video, ReferenceId: 'abc.def' }, 'InvalidParameter.ReferenceId'],
  ];
  for (const [name, params, code] of cases) {
    it(`CreateUploadVideo: ${name} → ${code} 400`, async () => {
      const error = await f.refusal('CreateUploadVideo', params);
      expect([error.code, error.status]).toEqual([code, 400]);
    });
  }

  it('a ReferenceId already used → InvalidParameter.ReferenceIdExisted 409', async () => {
    await f.call('CreateUploadVideo', { ...video, ReferenceId: 'ref-unique_1' });
    const error = await f.refusal('CreateUploadVideo', { ...video, ReferenceId: 'ref-unique_1' });
    expect([error.code, error.status]).toEqual(['InvalidParameter.ReferenceIdExisted', 409]);
  });

  it('UpdateVideoInfo sets CoverURL (the rest kept); an unknown video or a non-http CoverURL is refused', async () => {
    const { VideoId } = await f.call<{ VideoId: string }>('CreateUploadVideo', video);
    await f.call('UpdateVideoInfo', {
      VideoId,
      CoverURL: 'http://127.0.0.1:9/outin-sandbox/image/cover/A.jpg',
    });
    const info = await f.call<{ Video: { CoverURL?: string; Title: string } }>('GetVideoInfo', { VideoId });
    expect(info.Video).toMatchObject({
      CoverURL: 'http://127.0.0.1:9/outin-sandbox/image/cover/A.jpg',
      Title: 'ok',
    });
    const missing = await f.refusal('UpdateVideoInfo', {
      VideoId: '0'.repeat(32),
      CoverURL: 'http://a.test/c.jpg',
    });
    expect([missing.code, missing.status]).toEqual(['InvalidVideo.NotFound', 404]);
    const script = await f.refusal('UpdateVideoInfo', { VideoId, CoverURL: 'javascript:alert(1)' });
    expect([script.code, script.status]).toEqual(['InvalidParameter.CoverURL', 400]);
  });

  const imageCases: Array<[string, Record<string, unknown>, string]> = [
    ['no ImageType', {}, 'MissingImageType'],
    ['ImageType other', { ImageType: 'poster' }, 'InvalidParameter.ImageType'],
    ['ImageExt bmp', { ImageType: 'default', ImageExt: 'bmp' }, 'InvalidParameter.ImageExt'],
    ['Title over 128', { ImageType: 'default', Title: 't'.repeat(129) }, 'InvalidParameter.Title'],
    ['UserData not JSON', { ImageType: 'default', UserData: 'x' }, 'InvalidParameter.UserData'],
  ];
  for (const [name, params, code] of imageCases) {
    it(`CreateUploadImage: ${name} → ${code} 400`, async () => {
      const error = await f.refusal('CreateUploadImage', params);
      expect([error.code, error.status]).toEqual([code, 400]);
    });
  }

  it('ImageExt defaults to png and accepts jpeg', async () => {
    const png = await f.call<{ ImageURL: string }>('CreateUploadImage', { ImageType: 'default' });
    expect(png.ImageURL).toMatch(/\/image\/default\/[0-9A-F]{32}-6-2\.png$/);
    const jpeg = await f.call<{ ImageURL: string }>('CreateUploadImage', {
      ImageType: 'cover',
      ImageExt: 'JPEG',
    });
    expect(jpeg.ImageURL).toMatch(/\.jpeg$/);
  });
});
