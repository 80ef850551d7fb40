import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../../../../tests/support/fixtures-dir.js';
import { useMediaOrigin } from '../support/media-origin.js';
import { refusal, sha256, startTencentFixture, useTencentFixture } from './tencent-fixture.js';

const clip = readFileSync(join(fixturesDir, 'sample-6s-640x360.mp4'));
const cover = readFileSync(join(fixturesDir, 'cover-1280x720.jpg'));
const t = useTencentFixture();
// The "internet" the pull tasks download from.
const origin = useMediaOrigin(
  (req, res) => {
    if (req.url === '/clip.mp4') res.writeHead(200, { 'content-type': 'video/mp4' }).end(clip);
    else if (req.url === '/cover.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(cover);
    else if (req.url === '/page.mp4')
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    else if (req.url === '/slow.mp4')
      setTimeout(() => res.writeHead(200, { 'content-type': 'video/mp4' }).end(clip), 3000);
    else res.writeHead(404).end();
  },
  () => t.sandbox,
);

async function finished(taskId: string, vod = t.vod) {
  for (let i = 0; i < 100; i++) {
    const detail = await vod.DescribeTaskDetail({ TaskId: taskId });
    if (detail.Status === 'FINISH') return detail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${taskId} did not finish`);
}

describe('PullUpload + DescribeTaskDetail', () => {
  it('downloads the URL into a media file: WAITING → FINISH with FileId, bytes intact', async () => {
    const { TaskId } = await t.vod.PullUpload({
      MediaUrl: `${origin.url}/clip.mp4`,
      MediaName: 'pulled',
      CoverUrl: `${origin.url}/cover.jpg`,
      SessionContext: 'ctx-1',
      TasksPriority: 10,
    });
    expect(TaskId).toMatch(/-Pull-/);
    const first = await t.vod.DescribeTaskDetail({ TaskId: TaskId! });
    expect(first.TaskType).toBe('PullUpload');
    expect(['WAITING', 'PROCESSING']).toContain(first.Status);
    const done = await finished(TaskId!);
    const task = done.PullUploadTask!;
    expect(task).toMatchObject({ TaskId, Status: 'FINISH', ErrCode: 0, SessionContext: 'ctx-1' });
    expect(task.FileId).toMatch(/^\d+$/);
    expect(task.MediaBasicInfo?.Name).toBe('pulled');
    const media = await fetch(task.MediaBasicInfo!.MediaUrl!);
    expect(sha256(new Uint8Array(await media.arrayBuffer()))).toBe(sha256(clip));
    const image = await fetch(task.MediaBasicInfo!.CoverUrl!);
    expect(sha256(new Uint8Array(await image.arrayBuffer()))).toBe(sha256(cover));
    const info = await t.vod.DescribeMediaInfos({ FileIds: [task.FileId!] });
    expect(info.MediaInfoSet?.[0]?.MetaData?.Size).toBe(clip.length);
  });

  it('ends a 404 URL FINISH with a non-zero ErrCode and the reason', async () => {
    const { TaskId } = await t.vod.PullUpload({ MediaUrl: `${origin.url}/missing.mp4` });
    const task = (await finished(TaskId!)).PullUploadTask!;
    expect(task.ErrCode).toBe(60000);
    expect(task.Message).toMatch(/404/);
    expect(task.FileId).toBe('');
  });

  it('ends an unreachable URL and a non-media answer FINISH with errors', async () => {
    t.sandbox.allowImportHost('127.0.0.1:9');
    const unreachable = await t.vod.PullUpload({ MediaUrl: 'http://127.0.0.1:9/closed.mp4' });
    const html = await t.vod.PullUpload({ MediaUrl: `${origin.url}/page.mp4` });
    const a = (await finished(unreachable.TaskId!)).PullUploadTask!;
    const b = (await finished(html.TaskId!)).PullUploadTask!;
    expect(a.ErrCode).not.toBe(0);
    expect(a.Message).toMatch(/Could not download/);
    expect(b.ErrCode).not.toBe(0);
    expect(b.Message).toMatch(/text\/html/);
  });

  it('refuses a SessionId seen in the last 3 days, accepts it after', async () => {
    const params = { MediaUrl: `${origin.url}/clip.mp4`, SessionId: 'once-only' };
    await t.vod.PullUpload(params);
    expect((await refusal(t.vod.PullUpload(params))).code).toBe('InvalidParameterValue.SessionId');
    t.sandbox.context.clock.skewMs = 3 * 24 * 3600 * 1000 + 60_000;
    try {
      // The SDK signs with the real clock: widen the window rather than fail the signature.
      t.sandbox.context.options.timestampWindowSeconds = 4 * 24 * 3600;
      expect((await t.vod.PullUpload(params)).TaskId).toBeTruthy();
    } finally {
      t.sandbox.context.clock.skewMs = 0;
      t.sandbox.context.options.timestampWindowSeconds = 300;
    }
  });

  it('keeps tasks across a restart; a task cut by the restart ends FINISH with an error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tencent-restart-'));
    const first = await startTencentFixture({ dataDir, importAllowHosts: [origin.host] });
    const done = await first.vod.PullUpload({ MediaUrl: `${origin.url}/clip.mp4` });
    await finished(done.TaskId!, first.vod);
    const cut = await first.vod.PullUpload({ MediaUrl: `${origin.url}/slow.mp4` });
    await first.sandbox.close();

    const again = await startTencentFixture({ dataDir, importAllowHosts: [origin.host] });
    try {
      const kept = await again.vod.DescribeTaskDetail({ TaskId: done.TaskId! });
      expect(kept.PullUploadTask).toMatchObject({ Status: 'FINISH', ErrCode: 0 });
      const media = await fetch(kept.PullUploadTask!.MediaBasicInfo!.MediaUrl!);
      expect(sha256(new Uint8Array(await media.arrayBuffer()))).toBe(sha256(clip));
      const interrupted = await again.vod.DescribeTaskDetail({ TaskId: cut.TaskId! });
      expect(interrupted.PullUploadTask).toMatchObject({ Status: 'FINISH', ErrCode: 70000 });
    } finally {
      await again.sandbox.close();
    }
  });
});
