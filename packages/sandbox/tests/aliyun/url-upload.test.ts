import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../../../../tests/support/fixtures-dir.js';
import { useMediaOrigin } from '../support/media-origin.js';
import { sha256, useAliyunFixture } from './aliyun-fixture.js';

interface UrlUploadInfo {
  JobId: string;
  MediaId: string;
  Status: string;
  ErrorCode: string;
  ErrorMessage: string;
  FileSize: string;
  UploadURL: string;
  CreationTime: string;
  CompleteTime: string;
}

const media = readFileSync(join(fixturesDir, 'sample-6s-640x360.mp4'));
const f = useAliyunFixture();
// A media origin on another port: one clip, everything else 404.
const origin = useMediaOrigin(
  (req, res) => {
    if (req.url === '/media/clip one.mp4' || req.url === '/media/clip%20one.mp4') {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': media.length }).end(media);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    }
  },
  () => f.sandbox,
);

async function waitForJobs(jobIds: string[]): Promise<UrlUploadInfo[]> {
  for (let i = 0; i < 100; i++) {
    const { URLUploadInfoList } = await f.call<{ URLUploadInfoList: UrlUploadInfo[] }>('GetURLUploadInfos', {
      JobIds: jobIds.join(','),
    });
    if (URLUploadInfoList.every((job) => job.Status !== 'PENDING' && job.Status !== 'PROCESSING')) {
      return URLUploadInfoList;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('URL upload jobs did not finish');
}

describe('UploadMediaByURL + GetURLUploadInfos', () => {
  it('imports a reachable URL into a video and reports a 404 URL as DOWNLOAD_FAIL', async () => {
    const good = `${origin.url}/media/clip%20one.mp4`;
    const missing = `${origin.url}/media/missing.mp4`;
    const submitted = await f.call<{ UploadJobs: Array<{ JobId: string; SourceURL: string }> }>(
      'UploadMediaByURL',
      {
        UploadURLs: [good, missing].map(encodeURIComponent).join(','),
        UploadMetadatas: JSON.stringify([{ SourceURL: good, Title: 'Imported clip' }]),
      },
    );
    expect(submitted.UploadJobs.map((job) => job.SourceURL)).toEqual([good, missing]);
    for (const job of submitted.UploadJobs) expect(job.JobId).toMatch(/^[0-9a-f]{32}$/);

    const [ok, failed] = await waitForJobs(submitted.UploadJobs.map((job) => job.JobId));
    expect(ok).toMatchObject({
      Status: 'SUCCESS',
      FileSize: String(media.length),
      UploadURL: good,
      ErrorCode: '',
    });
    expect(ok!.MediaId).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(ok!.CompleteTime)).toBeGreaterThanOrEqual(Date.parse(ok!.CreationTime));
    expect(failed).toMatchObject({
      Status: 'DOWNLOAD_FAIL',
      ErrorCode: '404',
      MediaId: '',
      UploadURL: missing,
    });
    expect(failed!.ErrorMessage).toContain('404');

    const info = await f.call<{ Video: { Title: string; Size: number; Status: string } }>('GetVideoInfo', {
      VideoId: ok!.MediaId,
    });
    expect(info.Video).toMatchObject({ Title: 'Imported clip', Size: media.length, Status: 'UploadSucc' });
    const mezzanine = await f.call<{ Mezzanine: { FileURL: string } }>('GetMezzanineInfo', {
      VideoId: ok!.MediaId,
    });
    const stored = await fetch(mezzanine.Mezzanine.FileURL);
    expect(sha256(Buffer.from(await stored.arrayBuffer()))).toBe(sha256(media));

    // Looked up by URL (encoded, as the API wants), unknown ones listed in NonExists.
    const byUrl = await f.call<{ URLUploadInfoList: UrlUploadInfo[]; NonExists: string[] }>(
      'GetURLUploadInfos',
      {
        UploadURLs: [good, `${origin.url}/never.mp4`].map(encodeURIComponent).join(','),
      },
    );
    expect(byUrl.URLUploadInfoList.map((job) => job.JobId)).toEqual([ok!.JobId]);
    expect(byUrl.NonExists).toEqual([encodeURIComponent(`${origin.url}/never.mp4`)]);
  });

  it('refuses URLs that are not http(s), bad metadata JSON, and a query without ids', async () => {
    const notHttp = await f.refusal('UploadMediaByURL', {
      UploadURLs: encodeURIComponent('ftp://example.com/a.mp4'),
    });
    expect([notHttp.code, notHttp.status]).toEqual(['InvalidParameter.UploadURLs', 400]);
    const badJson = await f.refusal('UploadMediaByURL', {
      UploadURLs: encodeURIComponent(`${origin.url}/a.mp4`),
      UploadMetadatas: '[{',
    });
    expect(badJson.code).toBe('InvalidParameter.UploadMetadatas');
    const missingUrls = await f.refusal('UploadMediaByURL', {});
    expect([missingUrls.code, missingUrls.status]).toEqual(['MissingUploadURLs', 400]);
    const noIds = await f.refusal('GetURLUploadInfos', {});
    expect(noIds.code).toBe('InvalidParameter.JobIds');
  });
});
