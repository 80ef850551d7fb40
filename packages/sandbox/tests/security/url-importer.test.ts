import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliyunClients } from '../aliyun/aliyun-clients.js';
import { bytes, sha256, startTencentFixture, type TencentFixture } from '../tencent/tencent-fixture.js';

const CAP = 256 * 1024;
const CLIP = bytes(64 * 1024);
const BIG = bytes(4 * CAP);

let t: TencentFixture;
let origin: Server;
let originUrl: string;
const served: string[] = [];

beforeAll(async () => {
  origin = createServer((req, res) => {
    served.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://origin.invalid');
    const hops = Number(url.searchParams.get('hops') ?? 0);
    if (url.pathname === '/hop.mp4' && hops > 0) {
      res.writeHead(302, { location: `/hop.mp4?hops=${hops - 1}` }).end();
    } else if (url.pathname === '/to-private.mp4') {
      // Same machine, another port: loopback the sandbox was not told about.
      res.writeHead(302, { location: 'http://127.0.0.1:1/secret.mp4' }).end();
    } else if (url.pathname === '/big.mp4') {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.end(BIG);
    } else {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': CLIP.length }).end(CLIP);
    }
  });
  await new Promise<void>((done) => origin.listen(0, '127.0.0.1', done));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  t = await startTencentFixture({ importAllowHosts: [new URL(originUrl).host], importMaxBytes: CAP });
});
afterAll(async () => {
  await t?.sandbox.close();
  origin.closeAllConnections();
  await new Promise((done) => origin.close(done));
});

async function pull(mediaUrl: string) {
  const { TaskId } = await t.vod.PullUpload({ MediaUrl: mediaUrl });
  for (let i = 0; i < 100; i++) {
    const detail = await t.vod.DescribeTaskDetail({ TaskId: TaskId! });
    if (detail.Status === 'FINISH') {
      const task = t.sandbox.context.state.get<{ mediaKey: string }>('tencent-pull-tasks', TaskId!);
      return { task: detail.PullUploadTask!, mediaKey: task?.mediaKey ?? '' };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the task did not finish');
}

/** Files of unfinished writes anywhere under the sandbox's data directory. */
function leftovers(): string[] {
  const dir = join(t.sandbox.context.options.dataDir);
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => name.endsWith('.tmp'));
}

describe("the sandbox's URL importer", () => {
  it('sandbox refuses loopback hosts it was not told about, in any notation, without connecting', async () => {
    const port = new URL(originUrl).port;
    served.length = 0;
    for (const url of [
      'http://127.0.0.1:1/a.mp4',
      `http://localhost:${port}/a.mp4`,
      'http://2130706433:1/a.mp4',
      `http://[::1]:${port}/a.mp4`,
    ]) {
      const { task } = await pull(url);
      expect([url, task.ErrCode]).toEqual([url, 60000]);
      expect(task.Message).toMatch(/loopback or private address/);
    }
    expect(served).toEqual([]);
  });

  it('sandbox refuses a redirect to a refused host, and more than 5 redirects; follows 5', async () => {
    const toPrivate = await pull(`${originUrl}/to-private.mp4`);
    expect(toPrivate.task.ErrCode).toBe(60000);
    expect(toPrivate.task.Message).toMatch(/127\.0\.0\.1:1.*loopback or private address/);
    expect(await t.sandbox.context.store.hasObject(t.bucket, toPrivate.mediaKey)).toBe(false);

    const tooMany = await pull(`${originUrl}/hop.mp4?hops=6`);
    expect(tooMany.task.ErrCode).toBe(60000);
    expect(tooMany.task.Message).toMatch(/more than 5 redirects/);

    const five = await pull(`${originUrl}/hop.mp4?hops=5`);
    expect(five.task.ErrCode).toBe(0);
    expect((await t.sandbox.context.store.describe(t.bucket, five.mediaKey))?.sha256).toBe(sha256(CLIP));
  });

  it('sandbox cuts a download past importMaxBytes: the task fails and nothing is stored (Tencent 60000, Alibaba FileSizeExceeded)', async () => {
    const { task, mediaKey } = await pull(`${originUrl}/big.mp4`);
    expect(task.ErrCode).toBe(60000);
    expect(task.Message).toMatch(new RegExp(`larger than ${CAP} bytes`));
    expect(task.FileId).toBe('');
    expect(await t.sandbox.context.store.hasObject(t.bucket, mediaKey)).toBe(false);

    const clients = aliyunClients(t.sandbox.descriptor);
    const { UploadJobs } = await clients.call<{ UploadJobs: Array<{ JobId: string }> }>('UploadMediaByURL', {
      UploadURLs: encodeURIComponent(`${originUrl}/big.mp4`),
    });
    const jobId = UploadJobs[0]?.JobId ?? '';
    let info: { Status: string; ErrorCode?: string; MediaId?: string } | undefined;
    for (let i = 0; i < 100 && !['SUCCESS', 'DOWNLOAD_FAIL'].includes(info?.Status ?? ''); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const answer = await clients.call<{ URLUploadInfoList: Array<typeof info> }>('GetURLUploadInfos', {
        JobIds: jobId,
      });
      info = answer.URLUploadInfoList[0];
    }
    expect(info).toMatchObject({ Status: 'DOWNLOAD_FAIL', ErrorCode: 'FileSizeExceeded' });
    expect(leftovers()).toEqual([]);
  });
});
