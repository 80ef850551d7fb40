import { describe, expect, it } from 'vitest';
import { base64Json, errorOf, eventually, type Harness, startHarness } from './harness.js';
import { COVER_JPG, SAMPLE_MP4 } from './media-origin.js';
import * as failures from './support/cloud-failures.js';
import { type MediaOrigin, useHarnessWithOrigin } from './support/harness-with-origin.js';
import { sha256, storedSha256 } from './support/stored-bytes.js';
import { ossClientFor } from './upload-clients.js';

let h: Harness;
let origin: MediaOrigin;

useHarnessWithOrigin({ maxFileSize: 10 * 1024 * 1024 }, (started) => ({ h, origin } = started));

describe('aliyun routes against the sandbox', () => {
  it('creates an upload, takes the bytes, reports completion once, refreshes the auth', async () => {
    const created = await h.call('POST', '/aliyun/create-upload-video', {
      fileName: 'holiday clip.mp4',
      fileSize: SAMPLE_MP4.length,
      tags: ['a', 'b'],
    });
    expect(created.status).toBe(200);
    expect(created.json.serverTime).toBeTypeOf('number');
    expect(Math.abs(created.json.serverTime - Date.now())).toBeLessThan(5_000);
    const result = created.json.result;
    expect(result).toMatchObject({ VideoId: expect.any(String), RequestId: expect.any(String) });
    const ticket = created.json.ticket as string;
    expect(ticket).toEqual(expect.any(String));
    const { address } = ossClientFor(result);
    // While the bytes are not in, the owner may renew the credential: same address, new key.
    const refreshed = await h.call('POST', '/aliyun/refresh-upload-video', {
      videoId: result.VideoId,
      ticket,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.result.VideoId).toBe(result.VideoId);
    expect(base64Json(refreshed.json.result.UploadAddress)).toEqual(address);
    expect(base64Json(refreshed.json.result.UploadAuth).AccessKeyId).not.toBe(
      base64Json(result.UploadAuth).AccessKeyId,
    );
    const { client } = ossClientFor(refreshed.json.result);
    await client.put(address.FileName!, SAMPLE_MP4);
    expect(await storedSha256(h.sandbox, address.Bucket!, address.FileName!)).toBe(sha256(SAMPLE_MP4));

    const done = await h.call('POST', '/aliyun/complete', { videoId: result.VideoId, ticket });
    expect(done.status).toBe(200);
    expect(done.json.result.Video).toMatchObject({ VideoId: result.VideoId, Title: 'holiday clip' });
    // The mezzanine's FileURL reads the stored bytes back.
    const fileUrl = done.json.result.Mezzanine?.FileURL as string;
    expect(fileUrl).toEqual(expect.stringContaining(address.FileName!));
    expect(sha256(new Uint8Array(await (await fetch(fileUrl)).arrayBuffer()))).toBe(sha256(SAMPLE_MP4));
    const again = await h.call('POST', '/aliyun/complete', { videoId: result.VideoId, ticket });
    expect(again.status).toBe(200);
    const events = h.uploaded.filter((e) => e.mediaId === result.VideoId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ provider: 'aliyun', kind: 'video', caller: { id: 'anyone' } });

    // Once the bytes are in, a refresh (Alibaba's way to overwrite a source file) is refused.
    const late = await h.call('POST', '/aliyun/refresh-upload-video', { videoId: result.VideoId, ticket });
    expect(late.status).toBe(400);
    expect(errorOf(late)).toMatchObject({ code: 'policy_refused', field: 'videoId', provider: 'aliyun' });
  });

  it('asks for the mezzanine beside GetVideoInfo, not a round trip after it', async () => {
    const created = await h.call('POST', '/aliyun/create-upload-video', {
      fileName: 'side by side.mp4',
      fileSize: SAMPLE_MP4.length,
    });
    const { client, address } = ossClientFor(created.json.result);
    await client.put(address.FileName!, SAMPLE_MP4);
    const since = h.sandbox.context.log.lastSeq;
    const done = await h.call('POST', '/aliyun/complete', {
      videoId: created.json.result.VideoId,
      ticket: created.json.ticket,
    });
    expect(done.json.result.Mezzanine?.FileURL).toEqual(expect.stringContaining(address.FileName!));
    const calls = h.sandbox.context.log.list(since);
    const info = calls.find((r) => r.action === 'GetVideoInfo');
    const mezzanine = calls.find((r) => r.action === 'GetMezzanineInfo');
    // Asked before GetVideoInfo was answered: the two travel together.
    expect(mezzanine?.time).toBeLessThanOrEqual(info?.answeredAt ?? 0);
  });

  it('refuses to report a video whose bytes never arrived', async () => {
    const created = await h.call('POST', '/aliyun/create-upload-video', {
      fileName: 'never.mp4',
      fileSize: 10,
    });
    const answer = await h.call('POST', '/aliyun/complete', {
      videoId: created.json.result.VideoId,
      ticket: created.json.ticket,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'cloud_refused', field: 'videoId', provider: 'aliyun' });
    expect(h.uploaded.some((e) => e.mediaId === created.json.result.VideoId)).toBe(false);
  });

  it('refuses an image without a stated size when sizes are limited, and takes an empty title as absent', async () => {
    const pngOf = (size: { fileSize?: number }) =>
      h.call('POST', '/aliyun/create-upload-image', { imageType: 'default', imageExt: 'png', ...size });
    expect(errorOf(await pngOf({}))).toMatchObject({ code: 'policy_refused', field: 'fileSize' });
    expect((await pngOf({ fileSize: 1000 })).status).toBe(200);
    const tooBig = await pngOf({ fileSize: 10 * 1024 * 1024 + 1 });
    expect(errorOf(tooBig)).toMatchObject({ code: 'policy_refused', field: 'fileSize' });
    const untitled = await h.call('POST', '/aliyun/create-upload-video', {
      fileName: 'clip.mp4',
      title: '',
      fileSize: 1,
    });
    expect(untitled.status).toBe(200);
    const record = h.sandbox.context.state.get<{ Title: string }>(
      'aliyun-vod-videos',
      untitled.json.result.VideoId,
    );
    expect(record?.Title).toBe('clip');
  });

  it('creates an image upload and reports it once stored', async () => {
    const created = await h.call('POST', '/aliyun/create-upload-image', {
      imageType: 'cover',
      imageExt: 'jpg',
      fileSize: COVER_JPG.length,
    });
    expect(created.status).toBe(200);
    const { client, address } = ossClientFor(created.json.result);
    await client.put(address.FileName!, COVER_JPG);
    const done = await h.call('POST', '/aliyun/complete', {
      imageId: created.json.result.ImageId,
      ticket: created.json.ticket,
    });
    expect(done.status).toBe(200);
    expect(done.json.result.ImageInfo).toMatchObject({
      ImageId: created.json.result.ImageId,
      Status: 'Normal',
    });
    expect(h.uploaded.filter((e) => e.mediaId === created.json.result.ImageId)).toMatchObject([
      { provider: 'aliyun', kind: 'image' },
    ]);
  });

  it('imports a URL once even when submitted twice, and reports the job', async () => {
    const body = { mediaUrl: `${origin.url}/sample.mp4`, mediaName: 'imported' };
    const first = await h.call('POST', '/aliyun/url-import', body);
    const second = await h.call('POST', '/aliyun/url-import', body);
    expect(first.status).toBe(200);
    const jobId = first.json.result.UploadJobs[0].JobId as string;
    expect(second.json.result.UploadJobs[0].JobId).toBe(jobId);
    const info = await eventually(async () => {
      const answer = await h.call('GET', `/aliyun/url-import/${jobId}`);
      expect(answer.status).toBe(200);
      const job = answer.json.result.URLUploadInfoList[0];
      return job.Status === 'SUCCESS' ? job : undefined;
    });
    expect(info).toMatchObject({
      JobId: jobId,
      UploadURL: body.mediaUrl,
      FileSize: String(SAMPLE_MP4.length),
    });
    // The finished import fired onUploaded once; completing it again does not fire it twice.
    expect(h.uploaded.filter((e) => e.mediaId === info.MediaId)).toMatchObject([
      { provider: 'aliyun', kind: 'video' },
    ]);
    const record = h.sandbox.context.state.get<{ Title: string }>('aliyun-vod-videos', info.MediaId);
    expect(record?.Title).toBe('imported');
    // An import opens no upload session: there is no ticket to complete it with.
    const video = await h.call('POST', '/aliyun/complete', { videoId: info.MediaId });
    expect(errorOf(video)).toMatchObject({ code: 'request_invalid' });
    expect(h.uploaded.filter((e) => e.mediaId === info.MediaId)).toHaveLength(1);

    // The job is tied to its caller: anyone else is told it does not exist.
    const other = await startHarness({ authorize: () => ({ id: 'someone-else' }) }, { sandbox: h.sandbox });
    try {
      const theirs = await other.call('GET', `/aliyun/url-import/${jobId}`);
      expect(theirs.status).toBe(404);
      expect(errorOf(theirs)).toMatchObject({ code: 'not_found', field: 'jobId' });
    } finally {
      await other.close();
    }
  });

  it('maps the cloud refusals: unknown video → 404, unsupported extension → 400 with the cloud code', async () => {
    // A ticket of a video the cloud no longer has (deleted behind the endpoint's back).
    const gone = await h.call('POST', '/aliyun/create-upload-video', { fileName: 'gone.mp4', fileSize: 1 });
    h.sandbox.context.state.delete('aliyun-vod-videos', gone.json.result.VideoId);
    const missing = await h.call('POST', '/aliyun/refresh-upload-video', {
      videoId: gone.json.result.VideoId,
      ticket: gone.json.ticket,
    });
    failures.expectCloudRefusal(missing, 404, {
      code: 'not_found',
      cloudCode: 'InvalidVideo.NotFound',
      provider: 'aliyun',
      retryable: false,
    });
    // m3u8 is not media for ApsaraVideo VOD's upload API: the default policy for aliyun refuses it
    // before the cloud does (Tencent takes it).
    const before = h.sandbox.context.log.lastSeq;
    const refused = await h.call('POST', '/aliyun/create-upload-video', {
      fileName: 'list.m3u8',
      fileSize: 1,
    });
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({ code: 'policy_refused', field: 'fileName' });
    expect(h.sandbox.context.log.list(before).filter((r) => r.api === 'aliyun-vod')).toEqual([]);
    const unknownJob = await h.call('GET', '/aliyun/url-import/nosuchjob');
    expect(unknownJob.status).toBe(404);
    expect(errorOf(unknownJob)).toMatchObject({ code: 'not_found', field: 'jobId' });
  });

  it('refuses by policy before any cloud call: type, size, template group, URL scheme', async () => {
    const before = h.sandbox.context.log.lastSeq;
    const cases: Array<[unknown, string, string]> = [
      [{ fileName: 'setup.exe', fileSize: 10 }, '/aliyun/create-upload-video', 'fileName'],
      [{ fileName: 'big.mp4', fileSize: 10 * 1024 * 1024 + 1 }, '/aliyun/create-upload-video', 'fileSize'],
      [{ fileName: 'nosize.mp4' }, '/aliyun/create-upload-video', 'fileSize'],
      [
        { fileName: 'a.mp4', fileSize: 1, templateGroupId: 'vip' },
        '/aliyun/create-upload-video',
        'templateGroupId',
      ],
      [{ fileName: 'a.mp4', fileSize: 1, cateId: 7 }, '/aliyun/create-upload-video', 'cateId'],
      [{ imageType: 'cover', imageExt: 'webp', fileSize: 1 }, '/aliyun/create-upload-image', 'imageExt'],
      [{ mediaUrl: 'ftp://example.com/a.mp4' }, '/aliyun/url-import', 'mediaUrl'],
      [{ mediaUrl: 'javascript:alert(1)//a.mp4' }, '/aliyun/url-import', 'mediaUrl'],
      [{ mediaUrl: 'https://user:pw@example.com/a.mp4' }, '/aliyun/url-import', 'mediaUrl'],
      [{ mediaUrl: 'https://example.com/page.html' }, '/aliyun/url-import', 'mediaUrl'],
      [{ mediaUrl: 'https://example.com/stream' }, '/aliyun/url-import', 'mediaType'],
    ];
    for (const [body, path, field] of cases) {
      const answer = await h.call('POST', path, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(answer), JSON.stringify(body)).toMatchObject({ code: 'policy_refused', field });
    }
    expect(h.sandbox.context.log.list(before).filter((r) => r.api === 'aliyun-vod')).toEqual([]);
  });

  it('passes a client setting through only when the policy allows it', async () => {
    const open = await startHarness(
      { policy: { allowClientFields: ['templateGroupId'] } },
      { sandbox: h.sandbox },
    );
    try {
      const created = await open.call('POST', '/aliyun/create-upload-video', {
        fileName: 'a.mp4',
        templateGroupId: 'vip-group',
      });
      expect(created.status).toBe(200);
      const info = await h.call('POST', '/aliyun/complete', {
        videoId: created.json.result.VideoId,
        ticket: created.json.ticket,
      });
      // Not uploaded, so refused; but the cloud recorded the template group: read it back directly.
      expect(errorOf(info).code).toBe('cloud_refused');
      const record = h.sandbox.context.state.get<{ TemplateGroupId?: string }>(
        'aliyun-vod-videos',
        created.json.result.VideoId,
      );
      expect(record?.TemplateGroupId).toBe('vip-group');
    } finally {
      await open.close();
    }
  });

  it('maps a wrong server key to a safe 500 and an unreachable cloud to 502', async () => {
    // The descriptor's options of an Alibaba config (it also holds OSS facts no config takes).
    const { accessKeyId, accessKeySecret, regionId, vodEndpoint } = h.sandbox.descriptor.aliyun;
    const keys = { accessKeyId, accessKeySecret, regionId };
    const wrongKey = await startHarness(
      {
        aliyun: { ...keys, endpoint: vodEndpoint, accessKeySecret: 'wrong-secret-0000' },
      },
      { sandbox: h.sandbox },
    );
    const unreachable = await startHarness(
      {
        aliyun: { ...keys, endpoint: `http://127.0.0.1:${await failures.deadPort()}` },
      },
      { sandbox: h.sandbox },
    );
    const broken = await failures.startOutage();
    const outage = await startHarness(
      {
        aliyun: { ...keys, endpoint: `http://127.0.0.1:${broken.port}` },
      },
      { sandbox: h.sandbox },
    );
    try {
      const denied = await wrongKey.call('POST', '/aliyun/create-upload-video', { fileName: 'a.mp4' });
      failures.expectOwnKeyHidden(denied, 'aliyun', 'wrong-secret-0000');
      for (const harness of [unreachable, outage]) {
        const answer = await harness.call('POST', '/aliyun/create-upload-video', { fileName: 'a.mp4' });
        failures.expectCloudUnavailable(answer, 'aliyun');
      }
    } finally {
      await Promise.all([wrongKey.close(), unreachable.close(), outage.close()]);
      await broken.close();
    }
  });
});
