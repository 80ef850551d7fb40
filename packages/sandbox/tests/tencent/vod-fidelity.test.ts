import tencentcloud from 'tencentcloud-sdk-nodejs-vod';
import { describe, expect, it } from 'vitest';
import {
  rawVodCall,
  refusal,
  startTencentFixture,
  type TempCertificate,
  useTencentFixture,
} from './tencent-fixture.js';

const t = useTencentFixture((fixture) => fixture.sandbox.context.faults.reset());

type Loose = Record<string, unknown>;
const apply = (params: Loose) => t.vod.ApplyUpload(params as never);
const pull = (params: Loose) => t.vod.PullUpload(params as never);

/** The official client with a chosen `Region` (the SDK sends it as `X-TC-Region`). */
function vodInRegion(region: string, sandbox = t.sandbox) {
  const { tencent } = sandbox.descriptor;
  return new tencentcloud.vod.v20180717.Client({
    credential: { secretId: tencent.secretId, secretKey: tencent.secretKey },
    region,
    profile: { httpProfile: { endpoint: tencent.vodEndpoint, protocol: 'http://', reqTimeout: 20 } },
  });
}

describe('API 3.0 fidelity to the seed documents', () => {
  it('sandbox refuses an ExpireTime that is not ISO 8601 (InvalidParameterValue.ExpireTime) and one already past (InvalidParameter.ExpireTime)', async () => {
    expect((await refusal(apply({ MediaType: 'mp4', ExpireTime: '2030-13-01' }))).code).toBe(
      'InvalidParameterValue.ExpireTime',
    );
    expect((await refusal(apply({ MediaType: 'mp4', ExpireTime: '2020-01-01T00:00:00Z' }))).code).toBe(
      'InvalidParameter.ExpireTime',
    );
    const pulled = pull({ MediaUrl: 'http://127.0.0.1:9/a.mp4', ExpireTime: '2020-01-01T00:00:00Z' });
    expect((await refusal(pulled)).code).toBe('InvalidParameter.ExpireTime');
  });

  it('sandbox refuses a call without Region (MissingParameter) or in a region VOD does not serve (UnsupportedRegion)', async () => {
    expect((await refusal(vodInRegion('').ApplyUpload({ MediaType: 'mp4' }))).code).toBe('MissingParameter');
    expect((await refusal(vodInRegion('moon-1').ApplyUpload({ MediaType: 'mp4' }))).code).toBe(
      'UnsupportedRegion',
    );
    const raw = await rawVodCall(t.sandbox, 'CommitUpload', '{"VodSessionKey":"x"}', { 'X-TC-Region': '' });
    expect(raw.Error?.Code).toBe('MissingParameter');
    expect((await vodInRegion('ap-shanghai').ApplyUpload({ MediaType: 'mp4' })).VodSessionKey).toBeTruthy();
  });

  it('sandbox needs Region only where the API reference marks it required (ApplyUpload, CommitUpload) and still checks a given one', async () => {
    const own = await startTencentFixture({ events: { pullWaitMs: 50 } });
    try {
      const noRegion = vodInRegion('', own.sandbox);
      expect((await noRegion.PullEvents({})).EventSet).toEqual([]);
      const pulled = await noRegion.PullUpload({ MediaUrl: 'http://127.0.0.1:9/a.mp4' });
      expect(pulled.TaskId).toBeTruthy();
      expect((await noRegion.DescribeTaskDetail({ TaskId: pulled.TaskId! })).TaskType).toBe('PullUpload');
      expect((await noRegion.DescribeTasks({})).TaskSet).toEqual([]);
      expect((await noRegion.DescribeMediaInfos({ FileIds: ['1'] })).NotExistFileIdSet).toEqual(['1']);
      expect((await refusal(noRegion.DeleteMedia({ FileId: '1' }))).code).toBe(
        'ResourceNotFound.FileNotExist',
      );
      expect((await refusal(noRegion.ConfirmEvents({ EventHandles: ['x'] }))).code).not.toBe(
        'MissingParameter',
      );
      expect((await refusal(noRegion.ApplyUpload({ MediaType: 'mp4' }))).code).toBe('MissingParameter');
      expect((await refusal(vodInRegion('moon-1', own.sandbox).PullEvents({}))).code).toBe(
        'UnsupportedRegion',
      );
    } finally {
      await own.sandbox.close();
    }
  });

  it('sandbox refuses a SubAppId the account does not own with InvalidParameterValue.SubAppId', async () => {
    const [owned] = t.sandbox.descriptor.tencent.subAppIds;
    expect(owned).toBeGreaterThan(0);
    expect((await apply({ MediaType: 'mp4', SubAppId: owned })).VodSessionKey).toBeTruthy();
    expect((await refusal(apply({ MediaType: 'mp4', SubAppId: owned! + 1 }))).code).toBe(
      'InvalidParameterValue.SubAppId',
    );
    expect((await refusal(pull({ MediaUrl: 'http://127.0.0.1:9/a.mp4', SubAppId: 42 }))).code).toBe(
      'InvalidParameterValue.SubAppId',
    );
    expect((await refusal(t.vod.DescribeTaskDetail({ TaskId: 'x', SubAppId: 42 }))).code).toBe(
      'InvalidParameterValue.SubAppId',
    );
  });

  it('sandbox refuses a PullUpload cover that is not gif, jpeg or png with InvalidParameterValue.CoverType', async () => {
    for (const cover of ['c.webp', 'c.bmp', 'c.tiff']) {
      const refused = pull({ MediaUrl: 'http://127.0.0.1:9/a.mp4', CoverUrl: `http://127.0.0.1:9/${cover}` });
      expect((await refusal(refused)).code).toBe('InvalidParameterValue.CoverType');
    }
    // ApplyUpload's CoverType list is wider: webp is fine there.
    expect((await apply({ MediaType: 'mp4', CoverType: 'webp' })).CoverStoragePath).toMatch(/\.webp$/);
    const accepted = await pull({
      MediaUrl: 'http://127.0.0.1:9/a.mp4',
      CoverUrl: 'http://127.0.0.1:9/c.PNG',
    });
    expect(accepted.TaskId).toBeTruthy();
  });

  it('sandbox answers a VOD call signed with an upload TempCertificate with UnauthorizedOperation', async () => {
    const certificate = (await apply({ MediaType: 'mp4' })).TempCertificate as TempCertificate;
    const { tencent } = t.sandbox.descriptor;
    const asUploader = new tencentcloud.vod.v20180717.Client({
      credential: {
        secretId: certificate.SecretId,
        secretKey: certificate.SecretKey,
        token: certificate.Token,
      },
      region: tencent.region,
      profile: { httpProfile: { endpoint: tencent.vodEndpoint, protocol: 'http://', reqTimeout: 20 } },
    });
    expect((await refusal(asUploader.ApplyUpload({ MediaType: 'mp4' }))).code).toBe('UnauthorizedOperation');
    // Without the Token the temporary SecretId is unknown.
    expect(
      (
        await refusal(
          t.vodWith(certificate.SecretId, certificate.SecretKey).ApplyUpload({ MediaType: 'mp4' }),
        )
      ).code,
    ).toBe('AuthFailure.SecretIdNotFound');
  });
});

describe('fault injection on the VOD control API', () => {
  it('sandbox answers an injected CommitUpload fault with InternalError in the API 3.0 envelope, once', async () => {
    const session = await apply({ MediaType: 'mp4' });
    const key = session.MediaStoragePath!.slice(1);
    await t
      .cosWith(session.TempCertificate as TempCertificate)
      .putObject({ Bucket: t.bucket, Region: t.region, Key: key, Body: Buffer.from('data') });
    const posted = await fetch(`${t.sandbox.descriptor.adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failVodCalls: [{ api: 'tencent-vod', action: 'CommitUpload', count: 1 }] }),
    });
    expect(posted.status).toBe(200);
    const injectedBefore = t.sandbox.context.faults.injected;

    // Other actions pass; the first CommitUpload fails the cloud's way, the next one commits.
    expect((await apply({ MediaType: 'mp4' })).VodSessionKey).toBeTruthy();
    const failed = await rawVodCall(
      t.sandbox,
      'CommitUpload',
      JSON.stringify({ VodSessionKey: session.VodSessionKey }),
    );
    expect(failed.Error?.Code).toBe('InternalError');
    const logged = t.sandbox.context.log.list().filter((r) => r.action === 'CommitUpload');
    expect(logged.at(-1)).toMatchObject({ fault: 'InternalError', errorCode: 'InternalError' });
    expect(failed.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.sandbox.context.faults.injected).toBe(injectedBefore + 1);
    const committed = await t.vod.CommitUpload({ VodSessionKey: session.VodSessionKey! });
    expect(committed.FileId).toBeTruthy();
  });

  it('sandbox answers every action of an API with the fault when no action is named', async () => {
    t.sandbox.context.faults.set({
      failVodCalls: [{ api: 'tencent-vod', count: 2, code: 'ResourceUnavailable' }],
    });
    expect((await refusal(apply({ MediaType: 'mp4' }))).code).toBe('ResourceUnavailable');
    expect((await refusal(pull({ MediaUrl: 'http://127.0.0.1:9/a.mp4' }))).code).toBe('ResourceUnavailable');
    expect((await apply({ MediaType: 'mp4' })).VodSessionKey).toBeTruthy();
  });
});
