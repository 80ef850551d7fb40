import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, type Harness, startHarness } from './harness.js';
import { COVER_JPG, SAMPLE_MP4 } from './media-origin.js';
import { sha256 } from './support/stored-bytes.js';
import { ossClientFor } from './upload-clients.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ authorize: (request) => ({ id: request.headers.get('x-user') ?? 'alice' }) });
});
afterAll(async () => {
  await h?.close();
});

/** Creates a video or image through the endpoint and, given bytes, puts them into OSS. */
async function upload(
  route: 'create-upload-video' | 'create-upload-image',
  body: Record<string, unknown>,
  bytes: Uint8Array | null,
  user = 'alice',
): Promise<{ result: Record<string, string>; ticket: string }> {
  const answer = await h.call('POST', `/aliyun/${route}`, body, { 'x-user': user });
  expect(answer.status, answer.text).toBe(200);
  const result = answer.json.result as Record<string, string>;
  if (bytes) {
    const { client, address } = ossClientFor({
      UploadAddress: result.UploadAddress!,
      UploadAuth: result.UploadAuth!,
    });
    await client.put(address.FileName!, Buffer.from(bytes));
  }
  return { result, ticket: answer.json.ticket as string };
}

type Uploaded = Awaited<ReturnType<typeof upload>>;
const video = (): Promise<Uploaded> => upload('create-upload-video', { fileName: 'clip.mp4' }, SAMPLE_MP4);
const cover = (bytes: Uint8Array | null = COVER_JPG, user = 'alice'): Promise<Uploaded> =>
  upload('create-upload-image', { imageType: 'cover', imageExt: 'jpg' }, bytes, user);

describe('Alibaba cover attached to its video', () => {
  it('cover is attached: complete with the cover ticket sets CoverURL, which serves the cover bytes', async () => {
    const v = await video();
    const c = await cover();
    const done = await h.call('POST', '/aliyun/complete', {
      videoId: v.result.VideoId,
      ticket: v.ticket,
      coverTicket: c.ticket,
    });
    expect(done.status, done.text).toBe(200);
    const coverUrl = done.json.result.Video.CoverURL as string;
    expect(coverUrl).toBe(c.result.ImageURL);
    const served = new Uint8Array(await (await fetch(coverUrl)).arrayBuffer());
    expect(sha256(served)).toBe(sha256(COVER_JPG));
    // The app's onUploaded sees the video with its cover.
    const event = h.uploaded.find((e) => e.mediaId === v.result.VideoId);
    expect((event?.raw as { Video?: { CoverURL?: string } } | undefined)?.Video?.CoverURL).toBe(coverUrl);
  });

  it.each<[string, () => Promise<string>, string]>([
    ['another caller’s image', async () => (await cover(COVER_JPG, 'mallory')).ticket, 'forbidden'],
    ['a video ticket', async () => (await video()).ticket, 'forbidden'],
    ['a forged ticket', async () => 'v1.e30.AAAA', 'forbidden'],
    ['an image whose bytes never arrived', async () => (await cover(null)).ticket, 'cloud_refused'],
  ])('refuses a coverTicket that is %s, and leaves the video without a cover', async (_n, make, code) => {
    const v = await video();
    const coverTicket = await make();
    const answer = await h.call('POST', '/aliyun/complete', {
      videoId: v.result.VideoId,
      ticket: v.ticket,
      coverTicket,
    });
    expect(errorOf(answer).code).toBe(code);
    const info = await h.call('POST', '/aliyun/complete', { videoId: v.result.VideoId, ticket: v.ticket });
    expect(info.json.result.Video.CoverURL).toBeUndefined();
  });
});
