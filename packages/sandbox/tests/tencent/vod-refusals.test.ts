import { Readable } from 'node:stream';
import tencentcloud from 'tencentcloud-sdk-nodejs-vod';
import { describe, expect, it } from 'vitest';
import { rawVodCall, refusal, type TempCertificate, useTencentFixture } from './tencent-fixture.js';

const t = useTencentFixture((fixture) => {
  fixture.sandbox.context.clock.skewMs = 0;
});

// The SDK's request types are stricter than the wire: refusals need wrong types too.
type Loose = Record<string, unknown>;
const apply = (params: Loose) => t.vod.ApplyUpload(params as never);
const pull = (params: Loose) => t.vod.PullUpload(params as never);

describe('API 3.0 authentication', () => {
  it('refuses a signature made with the wrong SecretKey', async () => {
    const { tencent } = t.sandbox.descriptor;
    const wrong = t.vodWith(tencent.secretId, `${tencent.secretKey}x`);
    expect((await refusal(wrong.ApplyUpload({ MediaType: 'mp4' }))).code).toBe(
      'AuthFailure.SignatureFailure',
    );
  });

  it('refuses a SecretId that is not the account', async () => {
    const stranger = t.vodWith('AKIDnobody', 'whatever');
    expect((await refusal(stranger.ApplyUpload({ MediaType: 'mp4' }))).code).toBe(
      'AuthFailure.SecretIdNotFound',
    );
  });

  it('refuses a stale X-TC-Timestamp (sandbox clock 6 minutes ahead)', async () => {
    t.sandbox.context.clock.skewMs = 6 * 60 * 1000;
    expect((await refusal(apply({ MediaType: 'mp4' }))).code).toBe('AuthFailure.SignatureExpire');
    t.sandbox.context.clock.skewMs = 4 * 60 * 1000;
    expect((await apply({ MediaType: 'mp4' })).VodSessionKey).toBeTruthy();
  });

  it('refuses malformed JSON, a wrong version and an unknown action', async () => {
    expect((await rawVodCall(t.sandbox, 'ApplyUpload', '{"MediaType":')).Error?.Code).toBe(
      'InvalidParameter',
    );
    expect((await rawVodCall(t.sandbox, 'ApplyUpload', '[1]')).Error?.Code).toBe('InvalidParameter');
    expect(
      (await rawVodCall(t.sandbox, 'ApplyUpload', '{}', { 'X-TC-Version': '2017-01-01' })).Error?.Code,
    ).toBe('NoSuchVersion');
    const unknown = await rawVodCall(t.sandbox, 'CreateClass', '{}');
    expect(unknown.Error?.Code).toBe('InvalidAction');
    expect(unknown.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a call signed with signature v1 (signMethod HmacSHA256/HmacSHA1, POST or GET) in the API 3.0 envelope: UnsupportedOperation', async () => {
    const { tencent } = t.sandbox.descriptor;
    for (const signMethod of ['HmacSHA256', 'HmacSHA1'] as const) {
      for (const reqMethod of ['POST', 'GET'] as const) {
        const since = t.sandbox.context.log.lastSeq;
        const v1 = new tencentcloud.vod.v20180717.Client({
          credential: { secretId: tencent.secretId, secretKey: tencent.secretKey },
          region: tencent.region,
          profile: {
            signMethod,
            httpProfile: { reqMethod, endpoint: tencent.vodEndpoint, protocol: 'http://', reqTimeout: 20 },
          },
        });
        const refused = await refusal(v1.ApplyUpload({ MediaType: 'mp4' }));
        expect(refused.code, `${signMethod} ${reqMethod}`).toBe('UnsupportedOperation');
        const [logged] = t.sandbox.context.log.list(since);
        expect(logged).toMatchObject({ api: 'tencent-vod', action: 'ApplyUpload', status: 200 });
      }
    }
  });

  it('refuses a malformed Authorization header', async () => {
    const { url } = t.sandbox.descriptor;
    const response = await fetch(`${url}/`, {
      method: 'POST',
      headers: {
        Authorization:
          'TC3-HMAC-SHA256 Credential=x/2026-01-01/vod/tc3_request, SignedHeaders=content-type;host, Signature=zz',
        'Content-Type': 'application/json',
        'X-TC-Action': 'ApplyUpload',
        'X-TC-Version': '2018-07-17',
        'X-TC-Timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).toBe(
      'AuthFailure.InvalidAuthorization',
    );
  });
});

describe('ApplyUpload parameters', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, Loose][] = [
    ['MissingParameter', {}],
    ['InvalidParameter', { MediaType: 5 }],
    ['UnknownParameter', { MediaType: 'mp4', Colour: 'red' }],
    ['InvalidParameterValue.MediaType', { MediaType: 'exe' }],
    ['InvalidParameterValue.CoverType', { MediaType: 'mp4', CoverType: 'txt' }],
    ['InvalidParameterValue.ExpireTime', { MediaType: 'mp4', ExpireTime: 'tomorrow' }],
    ['InvalidParameter.ExpireTime', { MediaType: 'mp4', ExpireTime: '2001-01-01T00:00:00Z' }],
    ['InvalidParameterValue.SubAppId', { MediaType: 'mp4', SubAppId: -1 }],
    ['InvalidParameterValue.StorageRegion', { MediaType: 'mp4', StorageRegion: 'moon-1' }],
    ['InvalidParameterValue.ClassId', { MediaType: 'mp4', ClassId: -3 }],
    ['InvalidParameterValue.SourceContext', { MediaType: 'mp4', SourceContext: long(251) }],
    ['InvalidParameterValue.SessionContextTooLong', { MediaType: 'mp4', SessionContext: long(1001) }],
  ];
  it.each(cases)('answers %s', async (code, params) => {
    expect((await refusal(apply(params))).code).toBe(code);
  });

  it('accepts every documented input at its limits', async () => {
    const result = await apply({
      MediaType: 'MOV',
      MediaName: 'n',
      CoverType: 'png',
      Procedure: 'LongVideoPreset',
      ExpireTime: new Date(Date.now() + 86_400_000).toISOString(),
      StorageRegion: 'ap-shanghai',
      ClassId: 3,
      SourceContext: long(250),
      SessionContext: long(1000),
      ExtInfo: '',
      SubAppId: 1500000001,
    });
    expect(result.StorageRegion).toBe('ap-shanghai');
    expect(result.MediaStoragePath).toMatch(/\.mov$/);
    expect(result.CoverStoragePath).toMatch(/\.png$/);
  });
});

describe('MediaStoragePath', () => {
  it('refuses a MediaStoragePath that holds a stored object, so a second TempCertificate cannot write over that media; an empty one may be asked for again', async () => {
    const first = await apply({ MediaType: 'mp4', MediaStoragePath: '/shows/ep1.mp4' });
    expect(first.MediaStoragePath).toBe('/shows/ep1.mp4');
    // Nothing stored there yet (a failed try, say): the path may be asked for again.
    expect((await apply({ MediaType: 'mp4', MediaStoragePath: '/shows/ep1.mp4' })).MediaStoragePath).toBe(
      '/shows/ep1.mp4',
    );
    await t
      .cosWith(first.TempCertificate as TempCertificate)
      .putObject({ Bucket: t.bucket, Region: t.region, Key: 'shows/ep1.mp4', Body: Buffer.from('media') });
    expect((await refusal(apply({ MediaType: 'mp4', MediaStoragePath: '/shows/ep1.mp4' }))).code).toBe(
      'InvalidParameterValue.MediaStoragePath',
    );
    const random = await apply({ MediaType: 'mp4' });
    expect((await refusal(apply({ MediaType: 'mp4', MediaStoragePath: random.MediaStoragePath }))).code).toBe(
      'InvalidParameterValue.MediaStoragePath',
    );
    expect(
      (await refusal(pull({ MediaUrl: 'http://127.0.0.1:9/a.mp4', MediaStoragePath: '/shows/ep1.mp4' })))
        .code,
    ).toBe('InvalidParameterValue.MediaStoragePath');
  });

  it("refuses a MediaStoragePath inside another upload's directory (its cover, outputs) or over a stored object", async () => {
    const victim = await apply({ MediaType: 'mp4', CoverType: 'jpg' });
    const media = String(victim.MediaStoragePath);
    const dir = media.slice(0, media.lastIndexOf('/'));
    for (const path of [victim.CoverStoragePath, `${dir}/v.f100030.mp4`, `${dir}/coverBySnapshot/x.png`]) {
      expect((await refusal(apply({ MediaType: 'mp4', MediaStoragePath: path }))).code, String(path)).toBe(
        'InvalidParameterValue.MediaStoragePath',
      );
    }
    await t.sandbox.context.store.putObject(t.bucket, 'loose/a.mp4', Readable.from([Buffer.from('x')]), {
      contentType: 'video/mp4',
    });
    expect((await refusal(apply({ MediaType: 'mp4', MediaStoragePath: '/loose/a.mp4' }))).code).toBe(
      'InvalidParameterValue.MediaStoragePath',
    );
    expect((await apply({ MediaType: 'mp4', MediaStoragePath: '/loose/b.mp4' })).MediaStoragePath).toBe(
      '/loose/b.mp4',
    );
  });
});

describe('CommitUpload, DescribeMediaInfos, DeleteMedia refusals', () => {
  it('refuses to commit before the media object exists', async () => {
    const session = await apply({ MediaType: 'mp4' });
    expect((await refusal(t.vod.CommitUpload({ VodSessionKey: session.VodSessionKey! }))).code).toBe(
      'FailedOperation',
    );
  });

  it('refuses an unknown VodSessionKey and a foreign SubAppId', async () => {
    expect((await refusal(t.vod.CommitUpload({ VodSessionKey: 'nope' }))).code).toBe(
      'InvalidParameterValue.VodSessionKey',
    );
    const session = await apply({ MediaType: 'mp4' });
    const key = session.MediaStoragePath!.slice(1);
    await t
      .cosWith(session.TempCertificate as TempCertificate)
      .putObject({ Bucket: t.bucket, Region: t.region, Key: key, Body: Buffer.from('data') });
    expect(
      (await refusal(t.vod.CommitUpload({ VodSessionKey: session.VodSessionKey!, SubAppId: 7 }))).code,
    ).toBe('InvalidParameterValue.SubAppId');
  });

  it('refuses more than 20 FileIds and deleting an unknown file', async () => {
    const ids = [...Array(21)].map((_, i) => String(i));
    expect((await refusal(t.vod.DescribeMediaInfos({ FileIds: ids }))).code).toBe(
      'InvalidParameterValue.FileIds',
    );
    expect((await refusal(t.vod.DescribeMediaInfos({} as never))).code).toBe('MissingParameter');
    expect((await refusal(t.vod.DeleteMedia({ FileId: '42' }))).code).toBe('ResourceNotFound.FileNotExist');
  });
});

describe('PullUpload parameters', () => {
  const cases: [string, Loose][] = [
    ['MissingParameter', {}],
    ['InvalidParameterValue.MediaUrl', { MediaUrl: 'ftp://example.com/a.mp4' }],
    ['InvalidParameterValue.MediaUrl', { MediaUrl: 'not a url' }],
    ['FailedOperation.MediaType', { MediaUrl: 'http://127.0.0.1:9/stream' }],
    ['InvalidParameterValue.MediaType', { MediaUrl: 'http://127.0.0.1:9/a.mp4', MediaType: 'exe' }],
    [
      'InvalidParameterValue.CoverUrl',
      { MediaUrl: 'http://127.0.0.1:9/a.mp4', CoverUrl: 'file:///etc/passwd' },
    ],
    ['InvalidParameterValue.TasksPriority', { MediaUrl: 'http://127.0.0.1:9/a.mp4', TasksPriority: 11 }],
    [
      'InvalidParameterValue.SessionContextTooLong',
      { MediaUrl: 'http://127.0.0.1:9/a.mp4', SessionContext: 'x'.repeat(1001) },
    ],
    [
      'InvalidParameterValue.SessionIdTooLong',
      { MediaUrl: 'http://127.0.0.1:9/a.mp4', SessionId: 'x'.repeat(51) },
    ],
    [
      'InvalidParameterValue.MediaStoragePath',
      { MediaUrl: 'http://127.0.0.1:9/a.mp4', MediaStoragePath: 'no-slash' },
    ],
    ['InvalidParameterValue.ExpireTime', { MediaUrl: 'http://127.0.0.1:9/a.mp4', ExpireTime: '2030' }],
  ];
  it.each(cases)('answers %s for %j', async (code, params) => {
    expect((await refusal(pull(params))).code).toBe(code);
  });

  it('refuses an unknown TaskId', async () => {
    expect((await refusal(t.vod.DescribeTaskDetail({ TaskId: 'nope' }))).code).toBe(
      'ResourceNotFound.TaskNotExist',
    );
  });
});
