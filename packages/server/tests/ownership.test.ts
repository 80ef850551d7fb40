import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authorizeByUserHeader, errorOf, type Harness, startHarness } from './harness.js';
import { SAMPLE_MP4 } from './media-origin.js';
import { rawConnection } from './support/raw-connection.js';
import { sha256, storedSha256 } from './support/stored-bytes.js';
import { cosClientFor, ossClientFor, type TempCertificate } from './upload-clients.js';

/**
 * Two authorised callers, alice and bob, against an endpoint configured as the README shows: every
 * attack of issue #13 (items 1, 2, 3, 5) is refused with a typed error, the victim's bytes stay as
 * they were, `onUploaded` fires once for the rightful caller, and the rightful flow still passes.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ authorize: authorizeByUserHeader, policy: { maxFileSize: 200 * 1024 * 1024 } });
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const as = (user: string) => ({ 'x-user': user });

function call(user: string, path: string, body: unknown, harness: Harness = h) {
  return harness.call('POST', path, body, as(user));
}

/** Creates a one-byte video as `user` through `harness`; resolves the refresh body (its id and ticket). */
async function createdVideo(user: string, fileName: string, harness: Harness = h) {
  const created = await call(user, '/aliyun/create-upload-video', { fileName, fileSize: 1 }, harness);
  return { videoId: created.json.result.VideoId, ticket: created.json.ticket };
}

/** The sandbox's log of cloud calls since `seq`, as `api:action`. */
function cloudCallsSince(seq: number): string[] {
  return h.sandbox.context.log.list(seq).map((record) => `${record.api}:${record.action ?? '-'}`);
}

function ossFor(result: { UploadAddress: string; UploadAuth: string }) {
  const { client, address } = ossClientFor(result);
  return { client, bucket: address.Bucket!, key: address.FileName! };
}

interface TencentApply {
  StorageBucket: string;
  StorageRegion: string;
  MediaStoragePath: string;
  VodSessionKey: string;
  TempCertificate: TempCertificate;
}

/** Commits the Tencent upload session `vodSessionKey` as `user`, showing `ticket`. */
function commitAs(user: string, vodSessionKey: string, ticket: string) {
  return call(user, '/tencent/commit-upload', { vodSessionKey, ticket });
}

/** Asks `/s3/sign` as `user` for one PUT of `key` (also its file name), declared as `fileSize` bytes. */
function signPut(user: string, key: string, fileSize: number, extra: { contentType?: string } = {}) {
  return call(user, '/s3/sign', { method: 'PUT', key, fileName: key, fileSize, ...extra });
}

async function cosPut(applied: TencentApply, body: Buffer): Promise<string> {
  const cos = cosClientFor(h.sandbox.descriptor.tencent.cosDomain, applied.TempCertificate);
  const key = applied.MediaStoragePath.slice(1);
  await new Promise<void>((done, fail) =>
    cos.putObject(
      { Bucket: applied.StorageBucket, Region: applied.StorageRegion, Key: key, Body: body },
      (error) => (error ? fail(error) : done()),
    ),
  );
  return key;
}

/** Bob's Alibaba video, created (not yet uploaded) with his ticket. */
async function bobsVideo() {
  const created = await call('bob', '/aliyun/create-upload-video', {
    fileName: 'bob.mp4',
    title: 'bob holiday',
    description: 'bob only',
    fileSize: SAMPLE_MP4.length,
  });
  expect(created.status).toBe(200);
  return {
    result: created.json.result,
    videoId: created.json.result.VideoId as string,
    ticket: created.json.ticket,
  };
}

describe('ownership: Alibaba', () => {
  it("ownership: alice cannot refresh bob's videoId, with no ticket, her own or his; bob's upload is intact", async () => {
    const bob = await bobsVideo();
    const alice = await call('alice', '/aliyun/create-upload-video', { fileName: 'a.mp4', fileSize: 1 });
    const before = h.sandbox.context.log.lastSeq;

    const none = await call('alice', '/aliyun/refresh-upload-video', { videoId: bob.videoId });
    expect(errorOf(none)).toMatchObject({ code: 'request_invalid', field: 'ticket' });
    const hers = await call('alice', '/aliyun/refresh-upload-video', {
      videoId: bob.videoId,
      ticket: alice.json.ticket,
    });
    expect(hers.status).toBe(403);
    expect(errorOf(hers)).toMatchObject({ code: 'forbidden', field: 'ticket', provider: 'aliyun' });
    const his = await call('alice', '/aliyun/refresh-upload-video', {
      videoId: bob.videoId,
      ticket: bob.ticket,
    });
    expect(his.status).toBe(403);
    expect(errorOf(his)).toMatchObject({ code: 'forbidden', field: 'ticket' });
    expect(cloudCallsSince(before)).toEqual([]);

    // Bob's own flow still passes: his bytes land and stay his.
    const { client, bucket, key } = ossFor(bob.result);
    await client.put(key, SAMPLE_MP4);
    const done = await call('bob', '/aliyun/complete', { videoId: bob.videoId, ticket: bob.ticket });
    expect(done.status).toBe(200);
    expect(await storedSha256(h.sandbox, bucket, key)).toBe(sha256(SAMPLE_MP4));
    expect(h.uploaded.filter((e) => e.mediaId === bob.videoId)).toMatchObject([{ caller: { id: 'bob' } }]);
  });

  it("ownership: alice completing bob's video first is refused; bob's complete fires onUploaded once, for bob", async () => {
    const bob = await bobsVideo();
    const { client, bucket, key } = ossFor(bob.result);
    await client.put(key, SAMPLE_MP4);

    const claimed = await call('alice', '/aliyun/complete', { videoId: bob.videoId, ticket: bob.ticket });
    expect(claimed.status).toBe(403);
    expect(errorOf(claimed)).toMatchObject({ code: 'forbidden', field: 'ticket' });
    expect(h.uploaded.filter((e) => e.mediaId === bob.videoId)).toEqual([]);

    const done = await call('bob', '/aliyun/complete', { videoId: bob.videoId, ticket: bob.ticket });
    expect(done.status).toBe(200);
    expect(done.json.result.Video).toMatchObject({ Title: 'bob holiday', Description: 'bob only' });
    await call('bob', '/aliyun/complete', { videoId: bob.videoId, ticket: bob.ticket });
    expect(h.uploaded.filter((e) => e.mediaId === bob.videoId)).toMatchObject([
      { provider: 'aliyun', kind: 'video', caller: { id: 'bob' } },
    ]);
    expect(await storedSha256(h.sandbox, bucket, key)).toBe(sha256(SAMPLE_MP4));
  });

  it('ownership: a completed Alibaba video can never be refreshed again, not even by its owner', async () => {
    const bob = await bobsVideo();
    const { client, bucket, key } = ossFor(bob.result);
    await client.put(key, SAMPLE_MP4);
    expect((await call('bob', '/aliyun/complete', { videoId: bob.videoId, ticket: bob.ticket })).status).toBe(
      200,
    );

    const before = h.sandbox.context.log.lastSeq;
    const refresh = await call('bob', '/aliyun/refresh-upload-video', {
      videoId: bob.videoId,
      ticket: bob.ticket,
    });
    expect(refresh.status).toBe(400);
    expect(errorOf(refresh)).toMatchObject({ code: 'policy_refused', field: 'videoId', provider: 'aliyun' });
    // GetVideoInfo was asked; RefreshUploadVideo never was.
    expect(cloudCallsSince(before)).toEqual(['aliyun-vod:GetVideoInfo']);
    expect(await storedSha256(h.sandbox, bucket, key)).toBe(sha256(SAMPLE_MP4));
    expect(h.uploaded.filter((e) => e.mediaId === bob.videoId)).toHaveLength(1);
  });

  it('ownership: an Alibaba complete whose stored size differs from the declared one deletes the video', async () => {
    const created = await call('alice', '/aliyun/create-upload-video', {
      fileName: 'small.mp4',
      fileSize: 10,
    });
    const { client, bucket, key } = ossFor(created.json.result);
    await client.put(key, SAMPLE_MP4);
    const done = await call('alice', '/aliyun/complete', {
      videoId: created.json.result.VideoId,
      ticket: created.json.ticket,
    });
    expect(done.status).toBe(400);
    expect(errorOf(done)).toMatchObject({ code: 'policy_refused', field: 'fileSize', provider: 'aliyun' });
    expect(await storedSha256(h.sandbox, bucket, key)).toBeUndefined();
    expect(h.sandbox.context.state.get('aliyun-vod-videos', created.json.result.VideoId)).toBeUndefined();
    expect(h.uploaded.filter((e) => e.mediaId === created.json.result.VideoId)).toEqual([]);
  });
});

describe('ownership: Tencent', () => {
  it("ownership: bob cannot commit alice's vodSessionKey; alice's own commit then succeeds, once, for her", async () => {
    const applied = await call('alice', '/tencent/apply-upload', {
      mediaType: 'mp4',
      fileSize: SAMPLE_MP4.length,
    });
    const session = applied.json.result.Response as TencentApply;
    const key = await cosPut(session, SAMPLE_MP4);
    const bobs = await call('bob', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1 });
    const before = h.sandbox.context.log.lastSeq;

    for (const ticket of [applied.json.ticket, bobs.json.ticket]) {
      const stolen = await commitAs('bob', session.VodSessionKey, ticket);
      expect(stolen.status).toBe(403);
      expect(errorOf(stolen)).toMatchObject({ code: 'forbidden', field: 'ticket', provider: 'tencent' });
    }
    expect(cloudCallsSince(before)).toEqual([]);

    const committed = await commitAs('alice', session.VodSessionKey, applied.json.ticket);
    expect(committed.status).toBe(200);
    const fileId = committed.json.result.Response.FileId as string;
    expect(h.uploaded.filter((e) => e.mediaId === fileId)).toMatchObject([
      { provider: 'tencent', caller: { id: 'alice' } },
    ]);
    expect(await storedSha256(h.sandbox, h.sandbox.descriptor.tencent.bucket, key)).toBe(sha256(SAMPLE_MP4));
  });

  it('ownership: a Tencent commit whose stored size differs from the declared one deletes the media', async () => {
    const applied = await call('alice', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 10 });
    const session = applied.json.result.Response as TencentApply;
    const key = await cosPut(session, SAMPLE_MP4);
    const before = h.sandbox.context.log.lastSeq;
    const events = h.uploaded.length;
    const committed = await commitAs('alice', session.VodSessionKey, applied.json.ticket);
    expect(committed.status).toBe(400);
    expect(errorOf(committed)).toMatchObject({
      code: 'policy_refused',
      field: 'fileSize',
      provider: 'tencent',
    });
    expect(cloudCallsSince(before)).toEqual([
      'tencent-vod:CommitUpload',
      'tencent-vod:DescribeMediaInfos',
      'tencent-vod:DeleteMedia',
    ]);
    expect(await storedSha256(h.sandbox, h.sandbox.descriptor.tencent.bucket, key)).toBeUndefined();
    expect(h.uploaded).toHaveLength(events);
  });
});

describe('ownership: tickets', () => {
  it('ownership: a forged, altered, expired or other-provider ticket is refused before any cloud call', async () => {
    const applied = await call('alice', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1 });
    const vodSessionKey = applied.json.result.Response.VodSessionKey as string;
    const ticket = applied.json.ticket as string;
    const [version, payload, mac] = ticket.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const altered = `${version}.${Buffer.from(JSON.stringify({ ...claims, declaredSize: 999 })).toString('base64url')}.${mac}`;
    const s3Ticket = (await signPut('alice', 'a.mp4', 1)).json.ticket;
    const before = h.sandbox.context.log.lastSeq;

    for (const bad of ['forged', `v1.${payload}.${'A'.repeat(43)}`, altered, s3Ticket]) {
      const answer = await commitAs('alice', vodSessionKey, bad);
      expect(answer.status, bad).toBe(403);
      expect(errorOf(answer)).toMatchObject({ code: 'forbidden', field: 'ticket' });
    }
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 25 * 60 * 60 * 1000);
    const expired = await commitAs('alice', vodSessionKey, ticket);
    vi.useRealTimers();
    expect(expired.status).toBe(403);
    expect(errorOf(expired)).toMatchObject({ code: 'credential_expired', field: 'ticket', retryable: false });
    expect(cloudCallsSince(before)).toEqual([]);
  });

  it("ownership: /session/check confirms a caller's own open session, and refuses another caller's, a forged or a finished upload's ticket, with no cloud call", async () => {
    const tencent = (await call('alice', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1 })).json;
    const aliyun = await createdVideo('alice', 'check.mp4');
    const before = h.sandbox.context.log.lastSeq;
    for (const ticket of [tencent.ticket as string, aliyun.ticket as string]) {
      const own = await call('alice', '/session/check', { ticket });
      expect(own.status, own.text).toBe(200);
      expect(own.json.result).toEqual({ kind: 'video' });
      const others = await call('bob', '/session/check', { ticket });
      expect(others.status).toBe(403);
      expect(errorOf(others)).toMatchObject({ code: 'forbidden', field: 'ticket' });
    }
    expect(cloudCallsSince(before)).toEqual([]);
    const forged = await call('alice', '/session/check', { ticket: 'v1.e30.AAAA' });
    expect(errorOf(forged)).toMatchObject({ code: 'forbidden', field: 'ticket' });
    const unknownField = await call('alice', '/session/check', { ticket: tencent.ticket, key: 'x' });
    expect(unknownField.status).toBe(400);
    // A finished upload's ticket reads its media status; it opens no session.
    const body = randomBytes(1);
    const key = await cosPut(tencent.result.Response as TencentApply, body);
    expect(key).toBeTruthy();
    const committed = await commitAs('alice', tencent.result.Response.VodSessionKey, tencent.ticket);
    expect(committed.status, committed.text).toBe(200);
    const finished = await call('alice', '/session/check', { ticket: committed.json.ticket });
    expect(finished.status).toBe(403);
    expect(errorOf(finished)).toMatchObject({ code: 'forbidden', field: 'ticket' });
  });

  it('ownership: a rotated ticket secret still opens old tickets, a removed one does not', async () => {
    const OLD = 'old-ticket-secret-0123456789';
    const NEW = 'new-ticket-secret-9876543210';
    const withSecrets = (secrets: string[]) =>
      startHarness({ authorize: authorizeByUserHeader, tickets: { secrets } }, { sandbox: h.sandbox });
    const [before, rotated, dropped] = await Promise.all([
      withSecrets([OLD]),
      withSecrets([NEW, OLD]),
      withSecrets([NEW]),
    ]);
    try {
      const body = await createdVideo('bob', 'r.mp4', before);
      const stillOpen = await call('bob', '/aliyun/refresh-upload-video', body, rotated);
      expect(stillOpen.status).toBe(200);
      expect(stillOpen.json.result.VideoId).toBe(body.videoId);
      const closed = await call('bob', '/aliyun/refresh-upload-video', body, dropped);
      expect(closed.status).toBe(403);
      expect(errorOf(closed)).toMatchObject({ code: 'forbidden', field: 'ticket' });
      // New tickets are sealed with the first secret: the old-only endpoint cannot open them.
      const fresher = await createdVideo('bob', 'n.mp4', rotated);
      expect((await call('bob', '/aliyun/refresh-upload-video', fresher, dropped)).status).toBe(200);
      expect((await call('bob', '/aliyun/refresh-upload-video', fresher, before)).status).toBe(403);
    } finally {
      await Promise.all([before.close(), rotated.close(), dropped.close()]);
    }
  });
});

describe('ownership: S3 bounds', () => {
  const s3Bucket = () => h.sandbox.descriptor.s3.bucket;

  it('ownership: S3 PUT declared as 10 bytes refuses a 150 MiB body, stores once, and cannot be replaced after complete', async () => {
    const signed = await signPut('alice', 'ten.mp4', 10);
    expect(signed.status).toBe(200);
    const { url, key, headers } = signed.json.result;
    const refused = await fetch(url, { method: 'PUT', body: randomBytes(150 * 1024 * 1024), headers });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('SignatureDoesNotMatch');
    expect(await storedSha256(h.sandbox, s3Bucket(), key)).toBeUndefined();
    // The declared ten bytes pass, and are reported once, for alice.
    const ten = randomBytes(10);
    expect((await fetch(url, { method: 'PUT', body: ten, headers })).status).toBe(200);
    const done = await call('alice', '/s3/complete', { key, ticket: signed.json.ticket });
    expect(done.status).toBe(200);
    expect(await storedSha256(h.sandbox, s3Bucket(), key)).toBe(sha256(ten));
    expect(h.uploaded.filter((e) => e.mediaId === key)).toMatchObject([{ caller: { id: 'alice' } }]);
    // The URL stores once: after complete it cannot replace the reported object, with the
    // condition sent (412) or dropped (it is signed into the URL: 403).
    const replaced = await fetch(url, { method: 'PUT', body: randomBytes(10), headers });
    expect(replaced.status).toBe(412);
    const { 'if-none-match': _dropped, ...unconditional } = headers as Record<string, string>;
    const forced = await fetch(url, { method: 'PUT', body: randomBytes(10), headers: unconditional });
    expect(forced.status).toBe(403);
    expect(await forced.text()).toContain('SignatureDoesNotMatch');
    expect(await storedSha256(h.sandbox, s3Bucket(), key)).toBe(sha256(ten));
  });

  it('ownership: a second multipart upload on a reported S3 key (its create URL replayed) cannot replace the object', async () => {
    const create = await call('alice', '/s3/sign', {
      method: 'POST',
      key: 'once.mp4',
      fileName: 'once.mp4',
      fileSize: 10,
      partSize: 5 * 1024 * 1024,
    });
    const { key, url: createUrl, headers: createHeaders } = create.json.result;
    const ticket = create.json.ticket as string;
    /** Creates a multipart upload with the (replayable) create URL and stores `body` as its part 1. */
    const uploadWith = async (body: Uint8Array<ArrayBuffer>) => {
      const created = await fetch(createUrl, { method: 'POST', headers: createHeaders });
      const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())![1]!;
      const part = await call('alice', '/s3/sign', { method: 'PUT', key, uploadId, partNumber: 1, ticket });
      const put = await fetch(part.json.result.url, { method: 'PUT', body });
      expect(put.status).toBe(200);
      return { uploadId, parts: [{ partNumber: 1, etag: put.headers.get('etag')! }] };
    };
    const first = randomBytes(10);
    const honest = await uploadWith(first);
    expect((await call('alice', '/s3/complete', { key, ticket, ...honest })).status).toBe(200);

    const second = await uploadWith(randomBytes(10));
    // Completed in the browser: the signed URL carries If-None-Match, sent (412) or dropped (403).
    const signed = await call('alice', '/s3/sign', {
      method: 'POST',
      key,
      uploadId: second.uploadId,
      ticket,
    });
    expect(signed.json.result.headers).toMatchObject({ 'if-none-match': '*' });
    const xml = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${second.parts[0]!.etag}</ETag></Part></CompleteMultipartUpload>`;
    const conditional = await fetch(signed.json.result.url, {
      method: 'POST',
      body: xml,
      headers: signed.json.result.headers,
    });
    expect(conditional.status).toBe(412);
    expect((await fetch(signed.json.result.url, { method: 'POST', body: xml })).status).toBe(403);
    // Completed through the endpoint: refused too, and the object is not deleted.
    const through = await call('alice', '/s3/complete', { key, ticket, ...second });
    expect(through.status).toBeGreaterThanOrEqual(400);
    expect(await storedSha256(h.sandbox, s3Bucket(), key)).toBe(sha256(first));
    expect(h.uploaded.filter((e) => e.mediaId === key)).toHaveLength(1);
  });

  it('ownership: text/html under a .mp4 key is refused at signing, and at upload when not the signed type', async () => {
    const html = await signPut('alice', 'page.mp4', 5, { contentType: 'text/html' });
    expect(html.status).toBe(400);
    expect(errorOf(html)).toMatchObject({ code: 'policy_refused', field: 'contentType' });

    const signed = await signPut('alice', 'page.mp4', 5, { contentType: 'video/mp4' });
    const { url, key } = signed.json.result;
    const swapped = await fetch(url, {
      method: 'PUT',
      body: '<h1/>',
      headers: { 'content-type': 'text/html' },
    });
    expect(swapped.status).toBe(403);
    expect(await storedSha256(h.sandbox, s3Bucket(), key)).toBeUndefined();
    expect(
      (await fetch(url, { method: 'PUT', body: '<h1/>', headers: signed.json.result.headers })).status,
    ).toBe(200);
  });

  it('ownership: a scriptable type is refused at signing: image/svg+xml under a .png key, xml or html under a media key', async () => {
    for (const [key, contentType] of [
      ['cover.png', 'image/svg+xml'],
      ['cover.png', 'image/jpeg'],
      ['cover.jpg', 'text/html'],
      ['clip.mp4', 'video/x-page+xml'],
      ['clip.mp4', 'audio/html'],
    ] as const) {
      const refused = await signPut('alice', key, 5, { contentType });
      expect(refused.status, `${contentType} under ${key}`).toBe(400);
      expect(errorOf(refused)).toMatchObject({ code: 'policy_refused', field: 'contentType' });
    }
    // Each image stays its own type: a .jpeg is image/jpeg, a .webp image/webp.
    for (const [key, contentType] of [
      ['cover.jpeg', 'image/jpeg'],
      ['cover.webp', 'image/webp'],
      ['clip.mov', 'video/quicktime'],
    ] as const) {
      const signed = await signPut('alice', key, 5, { contentType });
      expect(signed.status, `${contentType} under ${key}`).toBe(200);
      expect(signed.json.result.headers['content-type']).toBe(contentType);
    }
  });

  it('ownership: S3 parts are bounded by the declared size, and a short object is deleted at complete', async () => {
    const partSize = 5 * 1024 * 1024;
    const declared = partSize + 10;
    const create = await call('alice', '/s3/sign', {
      method: 'POST',
      key: 'two.mp4',
      fileName: 'two.mp4',
      fileSize: declared,
      partSize,
    });
    const { key } = create.json.result;
    const ticket = create.json.ticket as string;
    const created = await fetch(create.json.result.url, {
      method: 'POST',
      headers: create.json.result.headers,
    });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())![1]!;
    const part = (partNumber: number, size: number, user = 'alice') =>
      call(user, '/s3/sign', { method: 'PUT', key, uploadId, partNumber, partSize: size, ticket });

    expect(errorOf(await part(3, 10))).toMatchObject({ code: 'policy_refused', field: 'partNumber' });
    expect(errorOf(await part(2, partSize))).toMatchObject({ code: 'policy_refused', field: 'partSize' });
    expect(errorOf(await part(1, partSize, 'bob'))).toMatchObject({ code: 'forbidden', field: 'ticket' });

    // Only part 1 is sent and completed: the object is shorter than declared.
    const first = await part(1, partSize);
    const data = randomBytes(partSize);
    const stored = await fetch(first.json.result.url, { method: 'PUT', body: data });
    expect(stored.status).toBe(200);
    const complete = await call('alice', '/s3/sign', { method: 'POST', key, uploadId, ticket });
    const xml = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${stored.headers.get('etag')}</ETag></Part></CompleteMultipartUpload>`;
    const completed = await fetch(complete.json.result.url, {
      method: 'POST',
      body: xml,
      headers: complete.json.result.headers,
    });
    expect(completed.status).toBe(200);
    expect(await storedSha256(h.sandbox, s3Bucket(), key)).toBe(sha256(data));

    const done = await call('alice', '/s3/complete', { key, ticket });
    expect(done.status).toBe(400);
    expect(errorOf(done)).toMatchObject({ code: 'policy_refused', field: 'fileSize', provider: 's3' });
    expect(await storedSha256(h.sandbox, s3Bucket(), key)).toBeUndefined();
    expect(h.uploaded.filter((e) => e.mediaId === key)).toEqual([]);
  });
});

describe('ownership: S3 parts signed in batches', () => {
  async function multipart(user: string, fileSize: number, partSize: number) {
    const create = await call(user, '/s3/sign', {
      method: 'POST',
      key: 'batch.mp4',
      fileName: 'batch.mp4',
      fileSize,
      partSize,
    });
    const created = await fetch(create.json.result.url, {
      method: 'POST',
      headers: create.json.result.headers,
    });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())![1]!;
    return { key: create.json.result.key as string, uploadId, ticket: create.json.ticket as string };
  }

  it("ownership: a batch signed with another caller's ticket, or for another caller's key, is refused", async () => {
    const partSize = 5 * 1024 * 1024;
    const alice = await multipart('alice', 2 * partSize, partSize);
    const bob = await multipart('bob', 2 * partSize, partSize);
    const parts = [{ partNumber: 1 }, { partNumber: 2 }];
    const withAlicesTicket = await call('bob', '/s3/sign', {
      method: 'PUT',
      key: alice.key,
      uploadId: alice.uploadId,
      ticket: alice.ticket,
      parts,
    });
    expect(errorOf(withAlicesTicket)).toMatchObject({ code: 'forbidden', field: 'ticket' });
    // Bob's own ticket does not sign Alice's key either.
    const withOwnTicket = await call('bob', '/s3/sign', {
      method: 'PUT',
      key: alice.key,
      uploadId: alice.uploadId,
      ticket: bob.ticket,
      parts,
    });
    expect(['forbidden', 'policy_refused']).toContain(errorOf(withOwnTicket).code);
    expect(withOwnTicket.json.result).toBeUndefined();
    // Alice's own batch is signed.
    const own = await call('alice', '/s3/sign', {
      method: 'PUT',
      key: alice.key,
      uploadId: alice.uploadId,
      ticket: alice.ticket,
      parts,
    });
    expect(own.status, own.text).toBe(200);
    expect(own.json.result.parts).toHaveLength(2);
  });

  it('ownership: a batch naming a part beyond the declared size, or a wrong part length, is refused whole', async () => {
    const partSize = 5 * 1024 * 1024;
    const { key, uploadId, ticket } = await multipart('alice', partSize + 10, partSize);
    const sign = (parts: { partNumber: number; partSize?: number }[]) =>
      call('alice', '/s3/sign', { method: 'PUT', key, uploadId, ticket, parts });
    const beyond = await sign([{ partNumber: 1 }, { partNumber: 2 }, { partNumber: 3 }]);
    expect(errorOf(beyond)).toMatchObject({ code: 'policy_refused', field: 'partNumber' });
    expect(beyond.json.result).toBeUndefined();
    const wrongLength = await sign([{ partNumber: 1 }, { partNumber: 2, partSize }]);
    expect(errorOf(wrongLength)).toMatchObject({ code: 'policy_refused', field: 'partSize' });
    // The last part is signed for exactly what remains of the declared size.
    const fine = await sign([{ partNumber: 2, partSize: 10 }]);
    expect(fine.status, fine.text).toBe(200);
    const url = fine.json.result.parts[0].url as string;
    expect((await fetch(url, { method: 'PUT', body: randomBytes(11) })).status).toBe(403);
    expect((await fetch(url, { method: 'PUT', body: randomBytes(10) })).status).toBe(200);
  });
});

describe('ownership: connections', () => {
  it('ownership: a body sent one byte at a time is answered 408 well within the deadline', async () => {
    const slow = await startHarness(
      { authorize: authorizeByUserHeader, bodyTimeoutMs: 1_000 },
      { sandbox: h.sandbox },
    );
    try {
      const { socket, received, closed } = rawConnection(slow.endpoint);
      const started = Date.now();
      socket.write(
        'POST /api/vod/tencent/apply-upload HTTP/1.1\r\nHost: x\r\nX-User: alice\r\n' +
          'Content-Type: application/json\r\nContent-Length: 40\r\n\r\n{',
      );
      const drip = setInterval(() => socket.write(' '), 5_000);
      await closed;
      clearInterval(drip);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(received()).toContain('"code":"request_timeout"');
    } finally {
      await slow.close();
    }
  });

  it('ownership: a burst over the default limit answers 429 for that caller and route only', async () => {
    const limited = await startHarness({ authorize: authorizeByUserHeader }, { sandbox: h.sandbox });
    try {
      // Refused by policy after the limiter, so the burst reaches no cloud.
      const burst = await Promise.all(
        Array.from({ length: 130 }, () =>
          call('mallory', '/tencent/apply-upload', { mediaType: 'exe' }, limited),
        ),
      );
      const statuses = burst.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 400)).toHaveLength(120);
      expect(statuses.filter((status) => status === 429)).toHaveLength(10);
      const over = burst.find((answer) => answer.status === 429)!;
      expect(errorOf(over)).toMatchObject({ code: 'rate_limited', retryable: true });
      // The browser waits for the next window (60 s) instead of spending its retries within it.
      expect(over.headers.get('retry-after')).toBe('60');
      // Another caller, and the same caller on another route, are not held back.
      expect(
        (await call('bob', '/tencent/apply-upload', { mediaType: 'mp4', fileSize: 1 }, limited)).status,
      ).toBe(200);
      expect(
        (await call('mallory', '/aliyun/create-upload-video', { fileName: 'm.mp4', fileSize: 1 }, limited))
          .status,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
