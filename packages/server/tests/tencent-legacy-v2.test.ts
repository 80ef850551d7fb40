import { createHash } from 'node:crypto';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { createCRC64 } from 'hash-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, authorizeByUserHeader, errorOf, type Harness, startHarness } from './harness.js';
import { SAMPLE_MP4 } from './media-origin.js';

/**
 * Legacy v2 end to end over HTTP, two callers: ApplyUpload v2 → each COS request signed by
 * `/tencent/v2/sign-cos` with the account key → v2 CommitUpload. The sandbox's COS honours the
 * account key only on the storage paths of an open v2 session (`cosAccountKeyScope: 'v2-sessions'`).
 */
let sandbox: Sandbox;
let h: Harness;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, cosAccountKeyScope: 'v2-sessions' });
  h = await startHarness({ authorize: authorizeByUserHeader }, { sandbox, legacyV2: true });
  // A q-sign signature names its key (`q-ak=<SecretId>`), as every COS request signed with the
  // account key does; the SecretKey stays checked: it must never appear in an answer.
  h.secrets.splice(h.secrets.indexOf(sandbox.descriptor.tencent.secretId), 1);
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const COVER = new Uint8Array(3000).map((_, i) => (i * 7) % 251);

interface V2Apply {
  vodSessionKey: string;
  storageBucket: string;
  storageRegion: string;
  appId: string;
  video: { storagePath: string };
  cover?: { storagePath: string };
}

async function apply(user: string): Promise<{ v2: V2Apply; ticket: string }> {
  const answer = await h.call(
    'POST',
    '/tencent/apply-upload',
    { mediaType: 'mp4', coverType: 'jpg', fileSize: SAMPLE_MP4.length, coverSize: COVER.length },
    { 'x-user': user },
  );
  expect(answer.status).toBe(200);
  return { v2: answer.json.result, ticket: answer.json.ticket };
}

const cosHost = () => new URL(h.sandbox.descriptor.url).host;
const bucketOf = (v2: V2Apply) => `${v2.storageBucket}-${v2.appId}`;

function sign(user: string, body: Record<string, unknown>): Promise<Answer> {
  return h.call('POST', '/tencent/v2/sign-cos', body, { 'x-user': user });
}

/** Asks the endpoint, as `user`, to commit the legacy upload `v2` of the session `ticket` names. */
function commit(user: string, v2: V2Apply, ticket: string): Promise<Answer> {
  return h.call(
    'POST',
    '/tencent/commit-upload',
    { vodSessionKey: v2.vodSessionKey, ticket },
    { 'x-user': user },
  );
}

/** CRC-64/XZ as COS answers it (decimal), by hash-wasm as the browser computes it. */
async function crc64Of(data: Uint8Array): Promise<string> {
  const hasher = await createCRC64();
  hasher.init();
  hasher.update(data);
  return BigInt(`0x${hasher.digest('hex')}`).toString(10);
}

/** What the endpoint signs a PutObject or Complete only with: COS then never replaces the object. */
const STORES_ONCE = { 'x-cos-forbid-overwrite': 'true' };

/** PUTs `body` to `key` with the endpoint's signature; resolves the COS status. */
async function signedPut(user: string, ticket: string, v2: V2Apply, key: string, body: Uint8Array) {
  const signed = await sign(user, {
    ticket,
    method: 'PUT',
    key,
    headers: { host: cosHost(), 'content-length': String(body.length), ...STORES_ONCE },
  });
  expect(signed.status).toBe(200);
  const response = await fetch(`${h.sandbox.descriptor.url}/${bucketOf(v2)}/${key}`, {
    method: 'PUT',
    headers: { authorization: signed.json.result.authorization, ...STORES_ONCE },
    body: body as BodyInit,
  });
  await response.arrayBuffer();
  return response.status;
}

async function storedSha256(bucket: string, key: string): Promise<string | undefined> {
  const response = await fetch(
    `${h.sandbox.descriptor.adminUrl}/objects?bucket=${bucket}&key=${encodeURIComponent(key)}`,
  );
  return response.ok ? ((await response.json()) as { sha256: string }).sha256 : undefined;
}

describe('legacy v2 through the endpoint', () => {
  it('legacy v2: a signed PUT stores the video once (COS no-overwrite): the signature replayed cannot replace it', async () => {
    const { v2, ticket } = await apply('dave');
    const videoKey = v2.video.storagePath.slice(1);
    const signed = await sign('dave', {
      ticket,
      method: 'PUT',
      key: videoKey,
      headers: { host: cosHost(), ...STORES_ONCE },
    });
    const put = (body: Uint8Array, headers: Record<string, string>) =>
      fetch(`${h.sandbox.descriptor.url}/${bucketOf(v2)}/${videoKey}`, {
        method: 'PUT',
        headers: { authorization: signed.json.result.authorization, ...headers },
        body: body as BodyInit,
      }).then(async (response) => (await response.arrayBuffer(), response.status));
    expect(await put(SAMPLE_MP4, STORES_ONCE)).toBe(200);
    // The same signature again (within its 5 minutes, e.g. right after the commit is asked for):
    // COS keeps the object (409), and without the signed condition the signature does not match.
    const other = new Uint8Array(SAMPLE_MP4.length).fill(1);
    expect(await put(other, STORES_ONCE)).toBe(409);
    expect(await put(other, {})).toBe(403);
    expect(await storedSha256(bucketOf(v2), videoKey)).toBe(sha256(SAMPLE_MP4));
    // What a browser whose PUT met the condition checks (its first copy's answer lost): HeadObject
    // of the session's own path, signed, answers the stored CRC64.
    const head = await sign('dave', { ticket, method: 'HEAD', key: videoKey, headers: { host: cosHost() } });
    expect(head.status).toBe(200);
    const stored = await fetch(`${h.sandbox.descriptor.url}/${bucketOf(v2)}/${videoKey}`, {
      method: 'HEAD',
      headers: { authorization: head.json.result.authorization },
    });
    expect(stored.status).toBe(200);
    expect(stored.headers.get('x-cos-hash-crc64ecma')).toBe(await crc64Of(SAMPLE_MP4));
    expect((await commit('dave', v2, ticket)).status).toBe(200);
  });

  it('legacy v2: the endpoint signs the session paths with the account key; v2 CommitUpload gives the fileId', async () => {
    const { v2, ticket } = await apply('alice');
    expect(v2.storageRegion).toBe('gzp');
    const videoKey = v2.video.storagePath.slice(1);
    const coverKey = v2.cover!.storagePath.slice(1);
    expect(await signedPut('alice', ticket, v2, videoKey, SAMPLE_MP4)).toBe(200);
    expect(await signedPut('alice', ticket, v2, coverKey, COVER)).toBe(200);
    const signed = await sign('alice', {
      ticket,
      method: 'PUT',
      key: videoKey,
      headers: { host: cosHost(), ...STORES_ONCE },
    });
    const { startTime, expiredTime, authorization } = signed.json.result;
    expect(expiredTime - startTime).toBeLessThanOrEqual(360);
    expect(authorization).toMatch(/^q-sign-algorithm=sha1&q-ak=[^&]+&q-sign-time=\d+;\d+&/);

    const committed = await commit('alice', v2, ticket);
    expect(committed.status).toBe(200);
    const result = committed.json.result;
    expect(result).toMatchObject({ code: 0, fileId: expect.stringMatching(/^\d+$/) });
    expect(await storedSha256(bucketOf(v2), videoKey)).toBe(sha256(SAMPLE_MP4));
    expect(await storedSha256(bucketOf(v2), coverKey)).toBe(sha256(COVER));
    expect(h.uploaded.filter((event) => event.mediaId === result.fileId)).toMatchObject([
      { provider: 'tencent', kind: 'video', caller: { id: 'alice' } },
    ]);
  });

  it('legacy v2: a video of another size than declared is deleted at commit and refused', async () => {
    const { v2, ticket } = await apply('carol');
    const videoKey = v2.video.storagePath.slice(1);
    expect(await signedPut('carol', ticket, v2, videoKey, SAMPLE_MP4.subarray(0, 1000))).toBe(200);
    const committed = await commit('carol', v2, ticket);
    expect(committed.status).toBe(400);
    expect(errorOf(committed)).toMatchObject({ code: 'policy_refused', field: 'fileSize' });
    expect(h.uploaded.filter((event) => event.caller.id === 'carol')).toEqual([]);
  });

  it('legacy v2: signing another path, operation, header, host or caller is refused; COS refuses the account key elsewhere', async () => {
    const alice = await apply('alice');
    const bob = await apply('bob');
    const aliceKey = alice.v2.video.storagePath.slice(1);
    const bobKey = bob.v2.video.storagePath.slice(1);
    const base = {
      ticket: alice.ticket,
      method: 'PUT',
      key: aliceKey,
      headers: { host: cosHost(), ...STORES_ONCE },
    };
    const refusals: Array<[string, Record<string, unknown>, string, string]> = [
      ['another session path', { ...base, key: bobKey }, 'alice', 'key'],
      ['a key beside the path', { ...base, key: `${aliceKey}.x` }, 'alice', 'key'],
      ['GetObject', { ...base, method: 'GET' }, 'alice', 'method'],
      ['HeadObject of another session path', { ...base, method: 'HEAD', key: bobKey }, 'alice', 'key'],
      ['HeadObject with a query', { ...base, method: 'HEAD', query: { acl: '' } }, 'alice', 'method'],
      ['DeleteObject', { ...base, method: 'DELETE' }, 'alice', 'method'],
      ['PutObjectACL', { ...base, query: { acl: '' } }, 'alice', 'method'],
      ['ListMultipartUploads', { ...base, method: 'GET', query: { uploads: '' } }, 'alice', 'method'],
      ['a copy', { ...base, headers: { ...base.headers, 'x-cos-copy-source': 'b/k' } }, 'alice', 'headers'],
      [
        'another host',
        { ...base, headers: { ...STORES_ONCE, host: 'other-1250000000.cos.ap-guangzhou.myqcloud.com' } },
        'alice',
        'headers',
      ],
      ['no signed host', { ...base, headers: STORES_ONCE }, 'alice', 'headers'],
      ['a PutObject that may overwrite', { ...base, headers: { host: cosHost() } }, 'alice', 'headers'],
      [
        'a Complete that may overwrite',
        { ...base, method: 'POST', query: { uploadId: 'u' }, headers: { host: cosHost() } },
        'alice',
        'headers',
      ],
      ["another caller's ticket", base, 'bob', 'ticket'],
    ];
    for (const [what, body, user, field] of refusals) {
      const answer = await sign(user, body);
      expect({ what, status: answer.status }).toEqual({ what, status: 403 });
      expect({ what, ...errorOf(answer) }).toMatchObject({ what, code: 'forbidden', field });
    }
    // Every multipart step of the own path is signed.
    for (const [method, query] of [
      ['POST', { uploads: '' }],
      ['PUT', { partNumber: '1', uploadId: 'u' }],
      ['GET', { uploadId: 'u' }],
      ['POST', { uploadId: 'u' }],
      ['DELETE', { uploadId: 'u' }],
    ] as const) {
      expect((await sign('alice', { ...base, method, query })).status).toBe(200);
    }
    // Bob's own ticket signs Bob's path; COS refuses that signature on Alice's path.
    const forBob = await sign('bob', { ...base, ticket: bob.ticket, key: bobKey });
    expect(forBob.status).toBe(200);
    const misuse = await fetch(`${h.sandbox.descriptor.url}/${bucketOf(alice.v2)}/${aliceKey}`, {
      method: 'PUT',
      headers: { authorization: forBob.json.result.authorization },
      body: 'x',
    });
    expect(misuse.status).toBe(403);
    expect(await storedSha256(bucketOf(alice.v2), aliceKey)).toBeUndefined();
    // An API 3.0 ticket is not a v2 one.
    const v3 = await startHarness({}, { sandbox });
    try {
      const applied = await v3.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' });
      const answer = await v3.call('POST', '/tencent/v2/sign-cos', {
        ...base,
        ticket: applied.json.ticket,
        key: applied.json.result.Response.MediaStoragePath.slice(1),
      });
      expect(errorOf(answer)).toMatchObject({ code: 'forbidden', field: 'ticket' });
    } finally {
      await v3.close();
    }
  });
});
