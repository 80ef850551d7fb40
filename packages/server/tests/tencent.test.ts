import { userMessageOf, type VodUploadErrorJSON } from '@vod-uploader/core';
import COS from 'cos-nodejs-sdk-v5';
import { describe, expect, it } from 'vitest';
import { type Answer, errorOf, eventually, type Harness, startHarness } from './harness.js';
import { COVER_JPG, SAMPLE_MP4 } from './media-origin.js';
import * as failures from './support/cloud-failures.js';
import { type MediaOrigin, useHarnessWithOrigin } from './support/harness-with-origin.js';
import { sha256 } from './support/stored-bytes.js';
import { cosClientFor, type TempCertificate } from './upload-clients.js';

let h: Harness;
let origin: MediaOrigin;

useHarnessWithOrigin({ maxFileSize: 10 * 1024 * 1024 }, (started) => ({ h, origin } = started));

interface ApplyResponse {
  StorageBucket: string;
  StorageRegion: string;
  MediaStoragePath: string;
  CoverStoragePath?: string;
  VodSessionKey: string;
  TempCertificate: TempCertificate;
  RequestId: string;
}

function cosFor(certificate: TempCertificate) {
  return cosClientFor(h.sandbox.descriptor.tencent.cosDomain, certificate);
}

async function put(cos: COS, bucket: string, region: string, key: string, body: Buffer): Promise<void> {
  await new Promise<void>((done, fail) =>
    cos.putObject({ Bucket: bucket, Region: region, Key: key, Body: body }, (error) =>
      error ? fail(error) : done(),
    ),
  );
}

/** Commits the upload session `vodSessionKey` through `harness`, showing `ticket`. */
function commitUpload(vodSessionKey: string, ticket: string, harness: Harness = h): Promise<Answer> {
  return harness.call('POST', '/tencent/commit-upload', { vodSessionKey, ticket });
}

/**
 * Applies for an `xyz` media through an endpoint whose policy lets it pass, so that the refusal shown
 * is the cloud's own; the endpoint shares the suite's sandbox and is closed before this resolves.
 */
async function applyCloudRefusedType(options: { legacyV2?: boolean } = {}): Promise<Answer> {
  const lenient = await startHarness(
    { policy: { allowedExtensions: ['xyz'] } },
    { sandbox: h.sandbox, ...options },
  );
  try {
    return await lenient.call('POST', '/tencent/apply-upload', { mediaType: 'xyz' });
  } finally {
    await lenient.close();
  }
}

async function stored(key: string): Promise<string | undefined> {
  const { bucket } = h.sandbox.descriptor.tencent;
  const response = await fetch(
    `${h.sandbox.descriptor.adminUrl}/objects?bucket=${bucket}&key=${encodeURIComponent(key)}`,
  );
  return response.ok ? ((await response.json()) as { sha256: string }).sha256 : undefined;
}

describe('tencent routes against the sandbox', () => {
  it('applies, takes media and cover through COS, commits once and reports it once', async () => {
    const applied = await h.call('POST', '/tencent/apply-upload', {
      mediaType: 'mp4',
      mediaName: 'sample',
      coverType: 'jpg',
      fileSize: SAMPLE_MP4.length,
      coverSize: COVER_JPG.length,
    });
    expect(applied.status).toBe(200);
    expect(Math.abs(applied.json.serverTime - Date.now())).toBeLessThan(5_000);
    const response = applied.json.result.Response as ApplyResponse;
    expect(response).toMatchObject({
      StorageBucket: h.sandbox.descriptor.tencent.bucket,
      MediaStoragePath: expect.stringMatching(/^\/.+\.mp4$/),
      CoverStoragePath: expect.stringMatching(/^\/.+\.jpg$/),
      VodSessionKey: expect.any(String),
      RequestId: expect.any(String),
    });
    const cos = cosFor(response.TempCertificate);
    const mediaKey = response.MediaStoragePath.slice(1);
    await put(cos, response.StorageBucket, response.StorageRegion, mediaKey, SAMPLE_MP4);
    await put(
      cos,
      response.StorageBucket,
      response.StorageRegion,
      response.CoverStoragePath!.slice(1),
      COVER_JPG,
    );
    expect(await stored(mediaKey)).toBe(sha256(SAMPLE_MP4));

    const committed = await commitUpload(response.VodSessionKey, applied.json.ticket);
    expect(committed.status).toBe(200);
    const commit = committed.json.result.Response;
    expect(commit).toMatchObject({ FileId: expect.any(String), MediaUrl: expect.stringContaining(mediaKey) });
    expect(commit.CoverUrl).toMatch(/\.jpg$/);
    expect(h.uploaded.filter((e) => e.mediaId === commit.FileId)).toMatchObject([
      { provider: 'tencent', kind: 'video', mediaUrl: commit.MediaUrl, caller: { id: 'anyone' } },
    ]);

    // The browser's retry of a commit whose answer was lost: the first commit's answer (and a media
    // ticket), where the cloud itself refuses a session committed already; still reported once.
    const since = h.sandbox.context.log.lastSeq;
    const twice = await commitUpload(response.VodSessionKey, applied.json.ticket);
    expect(twice.status).toBe(200);
    expect(twice.json.result.Response).toEqual(commit);
    expect(twice.json.ticket).toEqual(expect.any(String));
    expect(h.sandbox.context.log.list(since).filter((r) => r.action === 'CommitUpload')).toEqual([]);
    expect(h.uploaded.filter((e) => e.mediaId === commit.FileId)).toHaveLength(1);
  });

  it('tells the browser the COS host it is configured with, and none when it has none', async () => {
    const applied = await h.call('POST', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1000 });
    expect(applied.status).toBe(200);
    expect(applied.json.storageEndpoint).toEqual({
      domain: h.sandbox.descriptor.tencent.cosDomain,
      protocol: 'http:',
    });
    const {
      cosDomain: _domain,
      cosProtocol: _protocol,
      ...production
    } = (await import('@vod-uploader/server')).configFromSandboxDescriptor(h.sandbox.descriptor).tencent;
    const plain = await startHarness({ tencent: production }, { sandbox: h.sandbox });
    try {
      const answer = await plain.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' });
      expect(answer.status).toBe(200);
      // Beside the result only the clock and the session's ticket: no storage endpoint.
      expect(Object.keys(answer.json).sort()).toEqual(['result', 'serverTime', 'ticket']);
    } finally {
      await plain.close();
    }
  });

  it('applies the server-side settings and never the client’s', async () => {
    const configured = await startHarness(
      {
        tencent: {
          ...(await import('@vod-uploader/server')).configFromSandboxDescriptor(h.sandbox.descriptor).tencent,
          procedure: 'ServerProcedure',
          classId: 3,
          sourceContext: 'from-server',
          expireTime: 3600,
        },
      },
      { sandbox: h.sandbox },
    );
    try {
      const applied = await configured.call('POST', '/tencent/apply-upload', {
        mediaType: 'mp4',
        mediaName: `${'长'.repeat(60)}abcdefghij`,
      });
      expect(applied.status).toBe(200);
      const session = h.sandbox.context.state.get<Record<string, unknown>>(
        'tencent-upload-sessions',
        applied.json.result.Response.VodSessionKey,
      );
      expect(session).toMatchObject({
        procedure: 'ServerProcedure',
        classId: 3,
        sourceContext: 'from-server',
      });
      const expires = Date.parse(String(session?.expireTime));
      expect(Math.abs(expires - (Date.now() + 3_600_000))).toBeLessThan(10_000);

      const refused = await configured.call('POST', '/tencent/apply-upload', {
        mediaType: 'mp4',
        procedure: 'ClientProcedure',
      });
      expect(refused.status).toBe(400);
      expect(errorOf(refused)).toMatchObject({ code: 'policy_refused', field: 'procedure' });
    } finally {
      await configured.close();
    }
  });

  it('cuts a long name of emoji and CJK to what the cloud takes, never splitting a character', async () => {
    const mediaName = `${'视频 ünïcødé 🎬 '.repeat(30)}${'x'.repeat(200)}`;
    const applied = await h.call('POST', '/tencent/apply-upload', {
      mediaType: 'mp4',
      mediaName,
      fileSize: 1000,
    });
    expect(applied.status).toBe(200);
    const session = h.sandbox.context.state.get<{ mediaName: string }>(
      'tencent-upload-sessions',
      applied.json.result.Response.VodSessionKey,
    );
    expect(session?.mediaName.length).toBeLessThanOrEqual(64);
    expect(mediaName.startsWith(session?.mediaName ?? '-')).toBe(true);
    expect(session?.mediaName).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('lets the client choose a procedure only when the policy allows it', async () => {
    const open = await startHarness({ policy: { allowClientFields: ['procedure'] } }, { sandbox: h.sandbox });
    try {
      const applied = await open.call('POST', '/tencent/apply-upload', {
        mediaType: 'mp4',
        procedure: 'Mine',
      });
      expect(applied.status).toBe(200);
      const session = h.sandbox.context.state.get<Record<string, unknown>>(
        'tencent-upload-sessions',
        applied.json.result.Response.VodSessionKey,
      );
      expect(session?.procedure).toBe('Mine');
    } finally {
      await open.close();
    }
  });

  it('pulls a URL once per caller, URL and name, answers a repeat after the in-process window already_imported, and reports the task', async () => {
    const body = { mediaUrl: `${origin.url}/sample.mp4`, mediaName: 'pulled' };
    const first = await h.call('POST', '/tencent/pull-upload', body);
    expect(first.status).toBe(200);
    const taskId = first.json.result.Response.TaskId as string;
    expect(taskId).toBeTruthy();
    const second = await h.call('POST', '/tencent/pull-upload', body);
    expect(second.json.result.Response.TaskId).toBe(taskId);

    // Another process (no shared memory) sends the same SessionId: the cloud refuses the duplicate
    // for 3 days and the earlier task cannot be found, so the answer says so in a typed error.
    const other = await startHarness(
      { policy: { urlImport: { allowHosts: [origin.host] } } },
      { sandbox: h.sandbox },
    );
    try {
      const duplicate = await other.call('POST', '/tencent/pull-upload', body);
      failures.expectCloudRefusal(duplicate, 409, {
        code: 'already_imported',
        provider: 'tencent',
        field: 'mediaUrl',
        cloudCode: 'InvalidParameterValue.SessionId',
        retryable: false,
      });
      // The sentence a person reads for it (checked above to be this code).
      const refusal = errorOf(duplicate) as VodUploadErrorJSON;
      expect(userMessageOf(refusal)).toMatch(
        /^The video service already imported this link in the last 3 days/,
      );
      expect(userMessageOf(refusal, 'zh-CN')).toMatch(/^视频服务在最近 3 天内已导入过此链接/);
      // A new try (attempt 2) is a new SessionId: a new task.
      const again = await other.call('POST', '/tencent/pull-upload', { ...body, attempt: 2 });
      expect(again.status).toBe(200);
      expect(again.json.result.Response.TaskId).not.toBe(taskId);
    } finally {
      await other.close();
    }

    const task = await eventually(async () => {
      const answer = await h.call('GET', `/tencent/tasks/${taskId}`);
      expect(answer.status).toBe(200);
      return answer.json.result.Response.Status === 'FINISH' ? answer.json.result.Response : undefined;
    });
    expect(task.PullUploadTask).toMatchObject({ TaskId: taskId, FileId: expect.any(String), ErrCode: 0 });
    // The dedup id carries the caller binding (SessionContext is the app's): ≤ 50 characters.
    expect(task.PullUploadTask.SessionId).toMatch(/^vc1-[0-9a-f]{16}-[0-9a-f]{28}$/);
    expect(task.PullUploadTask.SessionContext).toBe('');
    // The finished pull fires onUploaded once, however often its status is read.
    await h.call('GET', `/tencent/tasks/${taskId}`);
    expect(h.uploaded.filter((e) => e.mediaId === task.PullUploadTask.FileId)).toMatchObject([
      {
        provider: 'tencent',
        kind: 'video',
        mediaUrl: task.PullUploadTask.FileUrl,
        caller: { id: expect.any(String) },
      },
    ]);

    // The task is tied to its caller: anyone else is told it does not exist.
    const stranger = await startHarness(
      { authorize: () => ({ id: 'someone-else' }) },
      { sandbox: h.sandbox },
    );
    try {
      const theirs = await stranger.call('GET', `/tencent/tasks/${taskId}`);
      expect(theirs.status).toBe(404);
      expect(errorOf(theirs)).toMatchObject({ code: 'not_found', field: 'taskId' });
    } finally {
      await stranger.close();
    }
  });

  it('retries a failed pull as a new task when the attempt number grows; a double submit still shares one', async () => {
    const body = { mediaUrl: `${origin.url}/missing.mp4` };
    const first = (await h.call('POST', '/tencent/pull-upload', body)).json.result.Response.TaskId as string;
    const failed = await eventually(async () => {
      const answer = (await h.call('GET', `/tencent/tasks/${first}`)).json.result.Response;
      return answer.Status === 'FINISH' ? answer : undefined;
    });
    expect(failed.PullUploadTask.ErrCode).toBe(60000);
    // A failed pull is no media: reading it fires nothing.
    const events = h.uploaded.length;
    await h.call('GET', `/tencent/tasks/${first}`);
    expect(h.uploaded).toHaveLength(events);
    const again = await h.call('POST', '/tencent/pull-upload', body);
    expect(again.json.result.Response.TaskId).toBe(first);

    const retried = await h.call('POST', '/tencent/pull-upload', { ...body, attempt: 2 });
    expect(retried.status).toBe(200);
    const second = retried.json.result.Response.TaskId as string;
    expect(second).not.toBe(first);
    const doubled = await h.call('POST', '/tencent/pull-upload', { ...body, attempt: 2 });
    expect(doubled.json.result.Response.TaskId).toBe(second);
    const bad = await h.call('POST', '/tencent/pull-upload', { ...body, attempt: 0 });
    expect(errorOf(bad)).toMatchObject({ code: 'request_invalid', field: 'attempt' });
  });

  it('maps the cloud refusals: unknown task → 404, a media type the cloud refuses → 400', async () => {
    // An unknown task is refused as another caller's is (no existence oracle): no cloud details.
    const missing = await h.call('GET', '/tencent/tasks/1250000000-pull-nosuchtask');
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toEqual({
      code: 'not_found',
      message: 'taskId: no such task',
      provider: 'tencent',
      field: 'taskId',
      retryable: false,
    });
    const refused = await applyCloudRefusedType();
    failures.expectCloudRefusal(refused, 400, {
      code: 'cloud_refused',
      cloudCode: 'InvalidParameterValue.MediaType',
      provider: 'tencent',
    });
    const notUploaded = await h.call('POST', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1000 });
    const committed = await commitUpload(
      notUploaded.json.result.Response.VodSessionKey,
      notUploaded.json.ticket,
    );
    expect(committed.status).toBe(400);
    expect(errorOf(committed)).toMatchObject({ code: 'cloud_refused', cloudCode: 'FailedOperation' });
  });

  it('refuses by policy before any cloud call', async () => {
    const before = h.sandbox.context.log.lastSeq;
    const cases: Array<[string, unknown, string]> = [
      ['/tencent/apply-upload', { mediaType: 'exe' }, 'mediaType'],
      ['/tencent/apply-upload', { mediaType: 'mp4', coverType: 'svg' }, 'coverType'],
      ['/tencent/apply-upload', { mediaType: 'mp4', fileSize: 10 * 1024 * 1024 + 1 }, 'fileSize'],
      ['/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1, coverType: 'jpg' }, 'coverSize'],
      [
        '/tencent/apply-upload',
        { mediaType: 'mp4', fileSize: 1, coverType: 'jpg', coverSize: 10 * 1024 * 1024 + 1 },
        'coverSize',
      ],
      ['/tencent/apply-upload', { mediaType: 'mp4', classId: 9 }, 'classId'],
      ['/tencent/apply-upload', { mediaType: 'mp4', sessionContext: 'x' }, 'sessionContext'],
      ['/tencent/pull-upload', { mediaUrl: 'ftp://example.com/a.mp4' }, 'mediaUrl'],
      ['/tencent/pull-upload', { mediaUrl: 'file:///etc/passwd.mp4' }, 'mediaUrl'],
      ['/tencent/pull-upload', { mediaUrl: 'https://example.com/a.mp4', mediaType: 'exe' }, 'mediaType'],
      [
        '/tencent/pull-upload',
        { mediaUrl: 'https://example.com/a.mp4', coverUrl: 'data:image/png,x' },
        'coverUrl',
      ],
    ];
    for (const [path, body, field] of cases) {
      const answer = await h.call('POST', path, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(answer), JSON.stringify(body)).toMatchObject({ code: 'policy_refused', field });
    }
    expect(h.sandbox.context.log.list(before).filter((r) => r.api?.startsWith('tencent'))).toEqual([]);
  });

  it('maps a wrong server key to a safe 500 and an unreachable cloud to 502', async () => {
    const { tencent } = (await import('@vod-uploader/server')).configFromSandboxDescriptor(
      h.sandbox.descriptor,
    );
    const wrongKey = await startHarness(
      { tencent: { ...tencent, secretKey: 'wrong-tencent-secret' } },
      { sandbox: h.sandbox },
    );
    const unreachable = await startHarness(
      { tencent: { ...tencent, endpoint: `127.0.0.1:${await failures.deadPort()}`, timeoutSeconds: 5 } },
      { sandbox: h.sandbox },
    );
    try {
      const denied = await wrongKey.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' });
      failures.expectOwnKeyHidden(denied, 'tencent', 'wrong-tencent-secret');
      const down = await unreachable.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' });
      failures.expectCloudUnavailable(down, 'tencent');
    } finally {
      await Promise.all([wrongKey.close(), unreachable.close()]);
    }
  });

  it('maps a cloud outage (5xx without a JSON body) to 502', async () => {
    const { tencent } = (await import('@vod-uploader/server')).configFromSandboxDescriptor(
      h.sandbox.descriptor,
    );
    const broken = await failures.startOutage();
    const { port } = broken;
    const outage = await startHarness(
      {
        tencent: {
          ...tencent,
          endpoint: `127.0.0.1:${port}`,
          legacyV2: { url: `http://127.0.0.1:${port}/v2/index.php`, appId: '1250000000' },
        },
      },
      { sandbox: h.sandbox },
    );
    const outage3 = await startHarness(
      { tencent: { ...tencent, endpoint: `127.0.0.1:${port}` } },
      { sandbox: h.sandbox },
    );
    try {
      for (const harness of [outage, outage3]) {
        const answer = await harness.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' });
        failures.expectCloudUnavailable(answer, 'tencent');
      }
    } finally {
      await Promise.all([outage.close(), outage3.close()]);
      await broken.close();
    }
  });

  it('serves the legacy v2 ApplyUpload when configured, committed through v2 CommitUpload', async () => {
    const legacy = await startHarness({}, { sandbox: h.sandbox, legacyV2: true });
    try {
      const applied = await legacy.call('POST', '/tencent/apply-upload', {
        mediaType: 'mp4',
        mediaName: 'old-account',
        fileSize: SAMPLE_MP4.length,
      });
      expect(applied.status).toBe(200);
      const v2 = applied.json.result;
      expect(v2).toMatchObject({
        code: 0,
        vodSessionKey: expect.any(String),
        storageBucket: h.sandbox.descriptor.tencent.bucket.replace(/-\d+$/, ''),
        storageRegion: 'gzp',
        appId: h.sandbox.descriptor.tencent.appId,
        video: { storagePath: expect.stringMatching(/^\/.+\.mp4$/) },
      });
      expect(v2.Response).toBeUndefined();
      // v2 has no temporary credential: the sandbox's COS takes the account keys for v2 sessions.
      const { secretId, secretKey, region } = h.sandbox.descriptor.tencent;
      const cos = new COS({
        Domain: h.sandbox.descriptor.tencent.cosDomain,
        Protocol: 'http:',
        SecretId: secretId,
        SecretKey: secretKey,
      });
      await put(cos, `${v2.storageBucket}-${v2.appId}`, region, v2.video.storagePath.slice(1), SAMPLE_MP4);
      const committed = await commitUpload(v2.vodSessionKey, applied.json.ticket, legacy);
      expect(committed.status).toBe(200);
      expect(committed.json.result).toMatchObject({ code: 0, fileId: expect.any(String) });
      expect(legacy.uploaded.map((event) => event.mediaId)).toContain(committed.json.result.fileId);

      const refused = await applyCloudRefusedType({ legacyV2: true });
      expect(refused.status).toBe(400);
      expect(errorOf(refused)).toMatchObject({
        code: 'cloud_refused',
        cloudCode: '4000',
        provider: 'tencent',
      });
      const { tencent } = (await import('@vod-uploader/server')).configFromSandboxDescriptor(
        h.sandbox.descriptor,
        {
          legacyV2: true,
        },
      );
      const wrongKey = await startHarness(
        { tencent: { ...tencent, secretKey: 'wrong-v2-secret-key' } },
        { sandbox: h.sandbox },
      );
      try {
        const denied = await wrongKey.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' });
        expect(denied.status).toBe(500);
        expect(errorOf(denied)).toMatchObject({ code: 'internal', provider: 'tencent' });
        expect(denied.text).not.toContain('wrong-v2-secret-key');
      } finally {
        await wrongKey.close();
      }
    } finally {
      await legacy.close();
    }
  });
});
