import { createHmac, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytes,
  refusal,
  sha256,
  startTencentFixture,
  type TempCertificate,
  type TencentFixture,
} from './tencent-fixture.js';

let t: TencentFixture;
beforeAll(async () => {
  t = await startTencentFixture({ cosAccountKeyScope: 'v2-sessions' });
});
afterAll(() => t.sandbox.close());

interface V2Answer {
  code: number;
  message: string;
  codeDesc: string;
  [field: string]: unknown;
}

/** A legacy QcloudApi v2 call, signed the way the old SDK did (test-side implementation). */
async function v2(
  params: Record<string, string>,
  options: {
    method?: 'GET' | 'POST';
    host?: string;
    key?: string;
    algorithm?: 'HmacSHA1' | 'HmacSHA256';
    timestamp?: number;
    nonce?: string;
    /** Alters the signature before it is sent. */
    sign?: (signature: string) => string;
  } = {},
): Promise<V2Answer> {
  const { tencent } = t.sandbox.descriptor;
  const method = options.method ?? 'GET';
  const all: Record<string, string> = {
    ...params,
    Region: 'gz',
    SecretId: tencent.secretId,
    Timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    Nonce: options.nonce ?? String(randomInt(1, 2 ** 31)),
    ...(options.algorithm ? { SignatureMethod: options.algorithm } : {}),
  };
  const plain = `${method}${options.host ?? 'vod.api.qcloud.com'}/v2/index.php?${Object.keys(all)
    .sort()
    .map((k) => `${k.replace(/_/g, '.')}=${all[k]}`)
    .join('&')}`;
  const hash = options.algorithm === 'HmacSHA256' ? 'sha256' : 'sha1';
  const signature = createHmac(hash, options.key ?? tencent.secretKey)
    .update(plain)
    .digest('base64');
  all.Signature = options.sign ? options.sign(signature) : signature;
  const query = new URLSearchParams(all).toString();
  const response =
    method === 'GET'
      ? await fetch(`${tencent.vodV2Url}?${query}`)
      : await fetch(tencent.vodV2Url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: query,
        });
  expect(response.status).toBe(200);
  return (await response.json()) as V2Answer;
}

describe('legacy v2 /v2/index.php', () => {
  it('ApplyUpload → COS upload with the account key → CommitUpload', async () => {
    const apply = await v2(
      { Action: 'ApplyUpload', videoType: 'mp4', videoName: 'legacy', videoSize: '4096', coverType: 'jpg' },
      { algorithm: 'HmacSHA256' },
    );
    // The documented shape: the bucket without -APPID, the short region code, no storageAppId.
    expect(apply).toMatchObject({
      code: 0,
      codeDesc: 'Success',
      storageBucket: t.bucket.replace(/-\d+$/, ''),
      storageRegion: 'gzp',
    });
    expect(`${apply.storageBucket}-${t.sandbox.descriptor.tencent.appId}`).toBe(t.bucket);
    expect(apply).not.toHaveProperty('storageAppId');
    const video = apply.video as { storagePath: string };
    expect(video.storagePath).toMatch(/^\/.+\.mp4$/);
    expect((apply.cover as { storagePath: string }).storagePath).toMatch(/\.jpg$/);
    expect(apply).not.toHaveProperty('TempCertificate');

    const { tencent } = t.sandbox.descriptor;
    const body = bytes(4096, 3);
    await t
      .cosWithKeys(tencent.secretId, tencent.secretKey)
      .putObject({ Bucket: t.bucket, Region: t.region, Key: video.storagePath.slice(1), Body: body });

    const commit = await v2(
      { Action: 'CommitUpload', vodSessionKey: apply.vodSessionKey as string },
      { method: 'POST', host: new URL(tencent.vodV2Url).host },
    );
    expect(commit).toMatchObject({ code: 0 });
    expect(commit.fileId).toMatch(/^\d+$/);
    const url = (commit.video as { url: string }).url;
    expect(sha256(new Uint8Array(await (await fetch(url)).arrayBuffer()))).toBe(sha256(body));
    expect(commit).not.toHaveProperty('cover');
    expect(await v2({ Action: 'CommitUpload', vodSessionKey: apply.vodSessionKey as string })).toMatchObject({
      code: 4000,
      codeDesc: 'InvalidParameterValue.VodSessionKey',
    });
  });

  it('legacy v2: COS takes the account key only for an uncommitted v2 session path', async () => {
    const { tencent } = t.sandbox.descriptor;
    const account = t.cosWithKeys(tencent.secretId, tencent.secretKey);
    const apply = await v2({ Action: 'ApplyUpload', videoType: 'mp4', coverType: 'jpg' });
    const videoKey = (apply.video as { storagePath: string }).storagePath.slice(1);
    const coverKey = (apply.cover as { storagePath: string }).storagePath.slice(1);
    const put = (Key: string, Body: Buffer) =>
      account.putObject({ Bucket: t.bucket, Region: t.region, Key, Body }).then(
        () => 'stored',
        (error: { code?: string }) => error.code,
      );
    expect(await put(videoKey, bytes(2048, 1))).toBe('stored');
    expect(await put(coverKey, bytes(512, 2))).toBe('stored');
    // Another key of the bucket, and an API 3.0 session's path: refused to the account key.
    expect(await put(`${videoKey}.other`, bytes(16, 3))).toBe('AccessDenied');
    const v3 = await t.vod.ApplyUpload({ MediaType: 'mp4' });
    expect(await put(v3.MediaStoragePath!.slice(1), bytes(16, 4))).toBe('AccessDenied');
    const commit = await v2({ Action: 'CommitUpload', vodSessionKey: apply.vodSessionKey as string });
    expect(commit.code).toBe(0);
    // Committed: the session's paths are closed to the account key too.
    expect(await put(videoKey, bytes(16, 5))).toBe('AccessDenied');
  });

  it('answers non-zero codes for refusals', async () => {
    expect((await v2({ Action: 'ApplyUpload', videoType: 'mp4' }, { key: 'wrong' })).code).toBe(4100);
    expect((await v2({ Action: 'ApplyUpload' })).code).toBe(4000);
    expect((await v2({ Action: 'ApplyUpload', videoType: 'exe' })).code).toBe(4000);
    expect((await v2({ Action: 'ApplyUpload', videoType: 'mp4', videoSize: 'big' })).code).toBe(4000);
    expect((await v2({ Action: 'DescribeVodPlayUrls' })).codeDesc).toBe('InvalidAction');
    const stale = Math.floor(Date.now() / 1000) - 3600;
    expect((await v2({ Action: 'ApplyUpload', videoType: 'mp4' }, { timestamp: stale })).code).toBe(4500);
    const once = { nonce: '424242', timestamp: Math.floor(Date.now() / 1000) };
    expect((await v2({ Action: 'ApplyUpload', videoType: 'mp4' }, once)).code).toBe(0);
    expect((await v2({ Action: 'ApplyUpload', videoType: 'mp4' }, once)).code).toBe(4500);
    const session = await v2({ Action: 'ApplyUpload', videoType: 'mp4' });
    expect(
      await v2({ Action: 'CommitUpload', vodSessionKey: session.vodSessionKey as string }),
    ).toMatchObject({
      code: 5100,
      codeDesc: 'FailedOperation',
    });
    const response = await fetch(`${t.sandbox.descriptor.tencent.vodV2Url}?Action=ApplyUpload`);
    expect(((await response.json()) as V2Answer).code).toBe(4000);
  });
});

describe('legacy v2: what the cloud would not take', () => {
  it('compares the signature as sent: junk, missing padding, base64url or a space is 4100; Nonce must be a positive integer (4000)', async () => {
    const apply = { Action: 'ApplyUpload', videoType: 'mp4' };
    expect((await v2(apply)).code).toBe(0);
    const variants: Array<(signature: string) => string> = [
      (s) => `${s}!!!`,
      (s) => s.replace(/=+$/, ''),
      (s) => Buffer.from(s, 'base64').toString('base64url'),
      (s) => `${s.slice(0, 5)} ${s.slice(5)}`,
    ];
    for (const sign of variants) {
      expect(await v2(apply, { sign })).toMatchObject({
        code: 4100,
        codeDesc: 'AuthFailure.SignatureFailure',
      });
    }
    for (const nonce of ['abc', '0', '-5', '1.5', '1e3']) {
      expect((await v2(apply, { nonce })).code, nonce).toBe(4000);
    }
  });

  it('each API commits only its own sessions: v2 refuses an API 3.0 session (a sub-application’s too), API 3.0 a v2 one', async () => {
    const [sub] = t.sandbox.descriptor.tencent.subAppIds;
    for (const SubAppId of [undefined, sub]) {
      const session = await t.vod.ApplyUpload({ MediaType: 'mp4', ...(SubAppId ? { SubAppId } : {}) });
      await t.cosWith(session.TempCertificate as TempCertificate).putObject({
        Bucket: t.bucket,
        Region: t.region,
        Key: session.MediaStoragePath!.slice(1),
        Body: bytes(64, 9),
      });
      expect(await v2({ Action: 'CommitUpload', vodSessionKey: session.VodSessionKey! })).toMatchObject({
        code: 4000,
        codeDesc: 'InvalidParameterValue.VodSessionKey',
      });
      // The refusal changed nothing: API 3.0 still commits it.
      const committed = await t.vod.CommitUpload({
        VodSessionKey: session.VodSessionKey!,
        ...(SubAppId ? { SubAppId } : {}),
      });
      expect(committed.FileId).toBeTruthy();
    }
    const legacy = await v2({ Action: 'ApplyUpload', videoType: 'mp4' });
    const { tencent } = t.sandbox.descriptor;
    await t.cosWithKeys(tencent.secretId, tencent.secretKey).putObject({
      Bucket: t.bucket,
      Region: t.region,
      Key: (legacy.video as { storagePath: string }).storagePath.slice(1),
      Body: bytes(64, 10),
    });
    const refused = await refusal(t.vod.CommitUpload({ VodSessionKey: legacy.vodSessionKey as string }));
    expect(refused.code).toBe('InvalidParameterValue.VodSessionKey');
    expect((await v2({ Action: 'CommitUpload', vodSessionKey: legacy.vodSessionKey as string })).code).toBe(
      0,
    );
  });
});

describe('legacy v2: request log and fault injection', () => {
  it('sandbox logs a v2 call’s own parameters (not the signature’s) and fails it with an injected numeric code, once', async () => {
    const since = t.sandbox.context.log.lastSeq;
    t.sandbox.context.faults.set({
      failVodCalls: [{ api: 'tencent-vod', action: 'v2.ApplyUpload', count: 1, code: '4000' }],
    });
    const failed = await v2({ Action: 'ApplyUpload', videoType: 'mp4', videoName: 'logged' });
    expect(failed.code).toBe(4000);
    const logged = t.sandbox.context.log.list(since).filter((r) => r.action === 'v2.ApplyUpload');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ fault: '4000', errorCode: '4000' });
    expect(logged[0]!.params).toEqual({ videoType: 'mp4', videoName: 'logged' });
    // The fault is spent: the next call succeeds.
    expect((await v2({ Action: 'ApplyUpload', videoType: 'mp4' })).code).toBe(0);
    // A non-numeric code is answered as v2's internal error.
    t.sandbox.context.faults.set({
      failVodCalls: [{ api: 'tencent-vod', action: 'v2.ApplyUpload', count: 1 }],
    });
    expect((await v2({ Action: 'ApplyUpload', videoType: 'mp4' })).code).toBe(32001);
  });
});
