import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './harness.js';
import { SAMPLE_MP4 } from './media-origin.js';
import {
  aliyunUpload,
  type MediaHarness,
  sha256Of,
  startMediaHarness,
  tencentUpload,
  until,
} from './support/media-harness.js';
import { sha256 } from './support/stored-bytes.js';

let h: MediaHarness;
beforeAll(async () => {
  h = await startMediaHarness({ processing: { stageMs: 60 } });
});
afterAll(async () => {
  await h.close();
});

async function status(ticket: string, user = 'alice') {
  return h.call('POST', '/media/status', { ticket }, { 'x-user': user });
}

/** Polls the status route until the state is not `processing`; every answer seen, in order. */
async function settle(ticket: string, user = 'alice') {
  const seen: Array<{ state: string; stage?: string }> = [];
  await until(async () => {
    const answer = await status(ticket, user);
    expect(answer.status, answer.text).toBe(200);
    seen.push(answer.json.result);
    return answer.json.result.state !== 'processing';
  });
  return seen;
}

describe('media status', () => {
  it('media status: a Tencent commit answers a media ticket; processing (with its stage) → ready, playing the upload', async () => {
    const { fileId, ticket } = await tencentUpload(h, 'alice');
    expect(ticket).toMatch(/^v1\./);
    const seen = await settle(ticket);
    expect(seen[0]).toMatchObject({ state: 'processing', mediaId: fileId, stage: expect.any(String) });
    const ready = seen.at(-1) as {
      state: string;
      playUrl: string;
      posterUrl: string;
      durationSeconds: number;
    };
    expect(ready).toMatchObject({ state: 'ready', mediaId: fileId });
    expect(await sha256Of(ready.playUrl)).toBe(sha256(SAMPLE_MP4));
    expect(ready.playUrl).toMatch(/v\.f100030\.mp4$/);
    expect((await fetch(ready.posterUrl)).headers.get('content-type')).toMatch(/^image\//);
    expect(ready.durationSeconds).toBeGreaterThan(5);
  });

  it('media status: a failed transcode is failed with the cloud reason (Tencent task, Alibaba GetTranscodeTask)', async () => {
    h.sandbox.context.faults.set({
      failTranscode: { count: 2, reason: 'moov atom not found', code: 'InvalidSource' },
    });
    for (const upload of [tencentUpload, aliyunUpload]) {
      const { mediaId, ticket } = await upload(h, 'alice');
      expect((await settle(ticket)).at(-1), upload.name).toEqual({
        state: 'failed',
        mediaId,
        reason: 'moov atom not found',
        cloudCode: 'InvalidSource',
      });
    }
  });

  it('media status: an Alibaba complete answers a media ticket; Transcoding → ready with GetPlayInfo URL and cover', async () => {
    const { videoId, ticket } = await aliyunUpload(h, 'alice');
    const seen = await settle(ticket);
    expect(seen.some((s) => s.state === 'processing' && s.stage === 'transcoding')).toBe(true);
    const ready = seen.at(-1) as { state: string; playUrl: string; posterUrl: string };
    expect(ready).toMatchObject({ state: 'ready', mediaId: videoId });
    expect(await sha256Of(ready.playUrl)).toBe(sha256(SAMPLE_MP4));
    expect((await fetch(ready.posterUrl)).headers.get('content-type')).toMatch(/^image\//);
  });

  it('media status: an S3 complete is ready at once, its playUrl a presigned GET of the object', async () => {
    const signed = await h.call(
      'POST',
      '/s3/sign',
      {
        method: 'PUT',
        key: 'clip.mp4',
        fileName: 'clip.mp4',
        fileSize: SAMPLE_MP4.length,
        contentType: 'video/mp4',
      },
      { 'x-user': 'alice' },
    );
    expect(signed.status, signed.text).toBe(200);
    const { url, key, headers } = signed.json.result;
    expect((await fetch(url, { method: 'PUT', body: SAMPLE_MP4, headers })).status).toBe(200);
    const done = await h.call(
      'POST',
      '/s3/complete',
      { key, ticket: signed.json.ticket },
      { 'x-user': 'alice' },
    );
    expect(done.status, done.text).toBe(200);
    const answer = await status(done.json.ticket);
    expect(answer.json.result).toMatchObject({
      state: 'ready',
      mediaId: key,
      playUrl: expect.stringContaining('X-Amz-Signature'),
    });
    expect(await sha256Of(answer.json.result.playUrl)).toBe(sha256(SAMPLE_MP4));
  });

  it("media status: another caller's ticket is 403 forbidden; an upload-session ticket or a forged one is refused", async () => {
    const { ticket } = await tencentUpload(h, 'alice');
    const theirs = await status(ticket, 'mallory');
    expect(theirs.status).toBe(403);
    expect(errorOf(theirs)).toMatchObject({ code: 'forbidden' });

    const applied = await h.call(
      'POST',
      '/tencent/apply-upload',
      { mediaType: 'mp4', fileSize: 10 },
      { 'x-user': 'alice' },
    );
    const session = await status(applied.json.ticket);
    expect(session.status).toBe(403);
    expect(errorOf(session).message).toMatch(/finished upload/);

    const [v, body, mac] = ticket.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const altered = Buffer.from(JSON.stringify({ ...claims, id: '5285890000000000001' })).toString(
      'base64url',
    );
    const forged = await status(`${v}.${altered}.${mac}`);
    expect(forged.status).toBe(403);
    expect(errorOf(forged)).toMatchObject({ code: 'forbidden' });
    const missing = await h.call('POST', '/media/status', {}, { 'x-user': 'alice' });
    expect(missing.status).toBe(400);
  });
});
