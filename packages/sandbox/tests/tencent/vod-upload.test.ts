import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../../../tests/support/fixtures-dir.js';
import {
  bytes,
  refusal,
  sha256,
  startTencentFixture,
  type TempCertificate,
  type TencentFixture,
} from './tencent-fixture.js';

let t: TencentFixture;
let dir: string;

beforeAll(async () => {
  t = await startTencentFixture();
  dir = mkdtempSync(join(tmpdir(), 'tencent-upload-'));
});
afterAll(async () => {
  await t.sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Tencent VOD upload with the official SDKs', () => {
  it('ApplyUpload → sliceUploadFile (4 parts) → CommitUpload → DescribeMediaInfos → DeleteMedia', async () => {
    const apply = await t.vod.ApplyUpload({ MediaType: 'mp4', MediaName: 'four parts', CoverType: 'jpg' });
    expect(apply.StorageBucket).toBe(t.bucket);
    expect(apply.StorageRegion).toBe('ap-guangzhou');
    expect(apply.MediaStoragePath).toMatch(/^\/.+\.mp4$/);
    expect(apply.CoverStoragePath).toMatch(/^\/.+\.jpg$/);
    const certificate = apply.TempCertificate as TempCertificate;
    expect(certificate.ExpiredTime).toBeGreaterThan(Date.now() / 1000 + 2900);

    // 3.5 MiB of the real clip repeated: four 1 MiB-or-less parts.
    const clip = readFileSync(join(fixturesDir, 'sample-6s-640x360.mp4'));
    const media = Buffer.concat([...Array(11)].map(() => clip)).subarray(0, 3.5 * 1024 * 1024);
    const file = join(dir, 'video.mp4');
    writeFileSync(file, media);
    const mediaKey = apply.MediaStoragePath!.slice(1);
    const coverKey = apply.CoverStoragePath!.slice(1);
    const cos = t.cosWith(certificate);
    const uploaded = await cos.sliceUploadFile({
      Bucket: apply.StorageBucket!,
      Region: apply.StorageRegion!,
      Key: mediaKey,
      FilePath: file,
      SliceSize: 1024 * 1024,
      ChunkSize: 1024 * 1024,
    });
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.ETag).toMatch(/-4"$/);
    const cover = readFileSync(join(fixturesDir, 'cover-1280x720.jpg'));
    await cos.putObject({ Bucket: t.bucket, Region: t.region, Key: coverKey, Body: cover });

    const commit = await t.vod.CommitUpload({ VodSessionKey: apply.VodSessionKey! });
    expect(commit.FileId).toMatch(/^\d+$/);
    const download = await fetch(commit.MediaUrl!);
    expect(download.status).toBe(200);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(media));
    expect(sha256(new Uint8Array(await (await fetch(commit.CoverUrl!)).arrayBuffer()))).toBe(sha256(cover));
    expect(await t.stored(mediaKey)).toEqual({ size: media.length, sha256: sha256(media) });

    const info = await t.vod.DescribeMediaInfos({ FileIds: [commit.FileId!, '1234'] });
    expect(info.NotExistFileIdSet).toEqual(['1234']);
    expect(info.MediaInfoSet).toHaveLength(1);
    const [set] = info.MediaInfoSet!;
    expect(set?.FileId).toBe(commit.FileId);
    expect(set?.BasicInfo?.Name).toBe('four parts');
    expect(set?.BasicInfo?.MediaUrl).toBe(commit.MediaUrl);
    expect(set?.BasicInfo?.CoverUrl).toBe(commit.CoverUrl);
    expect(set?.BasicInfo?.Type).toBe('MP4');
    expect(set?.MetaData?.Size).toBe(media.length);

    expect((await refusal(t.vod.CommitUpload({ VodSessionKey: apply.VodSessionKey! }))).code).toBe(
      'InvalidParameterValue.VodSessionKey',
    );
    await t.vod.DeleteMedia({ FileId: commit.FileId! });
    expect((await t.vod.DescribeMediaInfos({ FileIds: [commit.FileId!] })).NotExistFileIdSet).toEqual([
      commit.FileId,
    ]);
    expect((await fetch(commit.MediaUrl!)).status).toBe(404);
  });

  it('serves Range reads of a media URL with 206 and Content-Range', async () => {
    const apply = await t.vod.ApplyUpload({ MediaType: 'mp4' });
    const body = bytes(5000);
    const key = apply.MediaStoragePath!.slice(1);
    await t
      .cosWith(apply.TempCertificate as TempCertificate)
      .putObject({ Bucket: t.bucket, Region: t.region, Key: key, Body: body });
    const commit = await t.vod.CommitUpload({ VodSessionKey: apply.VodSessionKey! });
    const partial = await fetch(commit.MediaUrl!, { headers: { Range: 'bytes=100-199' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 100-199/5000');
    expect(Buffer.from(await partial.arrayBuffer()).equals(body.subarray(100, 200))).toBe(true);
    expect((await fetch(commit.MediaUrl!, { headers: { Range: 'bytes=6000-' } })).status).toBe(416);
    expect(commit.CoverUrl).toBe('');
  });

  it('resumes: ListMultipartUploads and ListParts show an unfinished upload to its own credential only', async () => {
    const apply = await t.vod.ApplyUpload({ MediaType: 'mp4' });
    const other = await t.vod.ApplyUpload({ MediaType: 'mp4' });
    const key = apply.MediaStoragePath!.slice(1);
    const cos = t.cosWith(apply.TempCertificate as TempCertificate);
    const init = await cos.multipartInit({ Bucket: t.bucket, Region: t.region, Key: key });
    const part = await cos.multipartUpload({
      Bucket: t.bucket,
      Region: t.region,
      Key: key,
      UploadId: init.UploadId,
      PartNumber: 1,
      Body: bytes(1024 * 1024),
    });
    const list = await cos.multipartList({ Bucket: t.bucket, Region: t.region, Prefix: '', Delimiter: '' });
    expect(list.Upload.map((u) => u.UploadId)).toEqual([init.UploadId]);
    const parts = await cos.multipartListPart({
      Bucket: t.bucket,
      Region: t.region,
      Key: key,
      UploadId: init.UploadId,
    });
    expect(parts.Part).toEqual([
      expect.objectContaining({ PartNumber: '1', ETag: part.ETag, Size: String(1024 * 1024) }),
    ]);
    const stranger = t.cosWith(other.TempCertificate as TempCertificate);
    expect(
      (await stranger.multipartList({ Bucket: t.bucket, Region: t.region, Prefix: '', Delimiter: '' }))
        .Upload,
    ).toEqual([]);
    await cos.multipartAbort({ Bucket: t.bucket, Region: t.region, Key: key, UploadId: init.UploadId });
    expect(
      (
        await refusal(
          cos.multipartListPart({ Bucket: t.bucket, Region: t.region, Key: key, UploadId: init.UploadId }),
        )
      ).code,
    ).toBe('NoSuchUpload');
  });
});
