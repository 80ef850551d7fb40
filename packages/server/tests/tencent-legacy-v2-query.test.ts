import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, authorizeByUserHeader, errorOf, type Harness, startHarness } from './harness.js';
import { SAMPLE_MP4 } from './media-origin.js';
import { sha256, storedSha256 } from './support/stored-bytes.js';

/**
 * A legacy v2 session's caller, once its video is committed (its size checked), tries to have
 * `/tencent/v2/sign-cos` sign a request that COS would run as another operation than the one it
 * was signed as: COS checks a q-sign on the parameter names it lists, lower-cased, and reads a listed
 * one the request does not carry as empty. Each attempt that got a signature is sent; the committed
 * video must keep its bytes. The sandbox's COS takes the account key on the whole bucket here
 * (`cosAccountKeyScope: 'bucket'`), as COS does: only the endpoint's refusals protect the object.
 */
let sandbox: Sandbox;
let h: Harness;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, cosAccountKeyScope: 'bucket' });
  h = await startHarness({ authorize: authorizeByUserHeader }, { sandbox, legacyV2: true });
  // A q-sign names its key id (`q-ak=<SecretId>`); the SecretKey stays checked.
  h.secrets.splice(h.secrets.indexOf(sandbox.descriptor.tencent.secretId), 1);
});
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

const USER = { 'x-user': 'mallory' };
const STORES_ONCE = { 'x-cos-forbid-overwrite': 'true' };
const OTHER = new Uint8Array(12_345).fill(7);

interface Session {
  ticket: string;
  bucket: string;
  key: string;
  url: string;
  host: string;
}

function sign(session: Session, body: Record<string, unknown>): Promise<Answer> {
  return h.call('POST', '/tencent/v2/sign-cos', { ticket: session.ticket, key: session.key, ...body }, USER);
}

/** A v2 session whose video was PUT (signed by the endpoint) and committed with its size checked. */
async function committedSession(): Promise<Session> {
  const applied = await h.call(
    'POST',
    '/tencent/apply-upload',
    { mediaType: 'mp4', fileSize: SAMPLE_MP4.length },
    USER,
  );
  expect(applied.status).toBe(200);
  const { result: v2, ticket } = applied.json;
  const bucket = `${v2.storageBucket}-${v2.appId}`;
  const key = v2.video.storagePath.slice(1);
  const host = new URL(sandbox.descriptor.url).host;
  const session = { ticket, bucket, key, host, url: `${sandbox.descriptor.url}/${bucket}/${key}` };
  const put = await sign(session, { method: 'PUT', headers: { host, ...STORES_ONCE } });
  expect(put.status).toBe(200);
  const stored = await fetch(session.url, {
    method: 'PUT',
    headers: { authorization: put.json.result.authorization, ...STORES_ONCE },
    body: SAMPLE_MP4 as BodyInit,
  });
  expect(stored.status).toBe(200);
  const committed = await h.call(
    'POST',
    '/tencent/commit-upload',
    { vodSessionKey: v2.vodSessionKey, ticket },
    USER,
  );
  expect(committed.status).toBe(200);
  return session;
}

/**
 * Asks for a signature of `method` with `query`, and when one is given sends `method` to the object
 * with `sentQuery` instead (what the caller really sends) and `headers`; resolves the endpoint's answer.
 */
async function attempt(
  session: Session,
  method: string,
  query: Record<string, string>,
  sentQuery: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const signed = await sign(session, { method, query, headers: { host: session.host, ...headers } });
  if (signed.status === 200) {
    const sent = await fetch(`${session.url}${sentQuery}`, {
      method,
      headers: { authorization: signed.json.result.authorization, ...headers },
      ...(method === 'PUT' ? { body: OTHER as BodyInit } : {}),
    });
    await sent.arrayBuffer();
  }
  return signed;
}

describe('ownership: a legacy v2 signature cannot replace or delete the committed video', () => {
  it('ownership: a part or an abort with empty or malformed query values is refused (request_invalid) before signing; the video keeps its bytes', async () => {
    const session = await committedSession();
    const refusals: Array<[string, string, Record<string, string>, string, Record<string, string>?]> = [
      // Sent without the query, each would be a PutObject with no no-overwrite condition …
      ['query.partNumber', 'PUT', { partNumber: '', uploadId: '' }, ''],
      ['query.uploadId', 'PUT', { partNumber: '1', uploadId: '' }, '?partNumber=1'],
      // … or, with it, still not the UploadPart COS takes.
      ['query.partNumber', 'PUT', { partNumber: '0', uploadId: 'u' }, '', STORES_ONCE],
      ['query.partNumber', 'PUT', { partNumber: '10001', uploadId: 'u' }, '', STORES_ONCE],
      ['query.partNumber', 'PUT', { partNumber: '01', uploadId: 'u' }, '', STORES_ONCE],
      ['query.uploadId', 'PUT', { partNumber: '1', uploadId: 'u&x=1' }, '', STORES_ONCE],
      // A DELETE of the object, signed as AbortMultipartUpload …
      ['query.uploadId', 'DELETE', { uploadId: '' }, ''],
      // … and the other steps whose value COS would not read as the parameter.
      ['query.uploads', 'POST', { uploads: 'x' }, ''],
      ['query.uploadId', 'POST', { uploadId: '' }, '', STORES_ONCE],
      ['query.uploadId', 'GET', { uploadId: '' }, ''],
      ['query.max-parts', 'GET', { uploadId: 'u', 'max-parts': '' }, ''],
    ];
    const answers: Answer[] = [];
    for (const [, method, query, sentQuery, headers] of refusals) {
      answers.push(await attempt(session, method, query, sentQuery, headers));
    }
    // The committed video is still there, with its own bytes …
    expect(await storedSha256(sandbox, session.bucket, session.key)).toBe(sha256(SAMPLE_MP4));
    // … because nothing was signed.
    refusals.forEach(([field, method, query], i) => {
      const what = `${method} ${JSON.stringify(query)}`;
      expect({ what, status: answers[i]!.status }).toEqual({ what, status: 400 });
      expect({ what, ...errorOf(answers[i]!) }).toMatchObject({ what, code: 'request_invalid', field });
    });
  });

  it("ownership: query names in another case than COS's are refused; a part's signature sent with re-cased names meets the no-overwrite condition", async () => {
    const session = await committedSession();
    const recased = '?PARTNUMBER=1&UPLOADID=u';
    const refusals: Array<[string, string, string, Record<string, string>, string, Record<string, string>?]> =
      [
        ['request_invalid', 'query.PARTNUMBER', 'PUT', { PARTNUMBER: '1', UPLOADID: 'u' }, recased],
        ['request_invalid', 'query.partnumber', 'PUT', { partnumber: '1', uploadid: 'u' }, recased],
        ['request_invalid', 'query.UPLOADID', 'DELETE', { UPLOADID: 'u' }, '?UPLOADID=u'],
        // Sent with its names in another case, a part's signature still verifies, and a server
        // reading `partNumber`/`uploadId` as spelled runs it as a PutObject: it needs the condition.
        ['forbidden', 'headers', 'PUT', { partNumber: '1', uploadId: 'u' }, recased],
      ];
    const answers: Answer[] = [];
    for (const [, , method, query, sentQuery, headers] of refusals) {
      answers.push(await attempt(session, method, query, sentQuery, headers));
    }
    expect(await storedSha256(sandbox, session.bucket, session.key)).toBe(sha256(SAMPLE_MP4));
    refusals.forEach(([code, field, method, query], i) => {
      const what = `${method} ${JSON.stringify(query)}`;
      expect({ what, ...errorOf(answers[i]!) }).toMatchObject({ what, code, field });
    });
    // Signed with the condition, the re-cased part is a PutObject COS refuses over the object.
    const part = await sign(session, {
      method: 'PUT',
      query: { partNumber: '1', uploadId: 'u' },
      headers: { host: session.host, ...STORES_ONCE },
    });
    expect(part.status).toBe(200);
    const replaced = await fetch(`${session.url}${recased}`, {
      method: 'PUT',
      headers: { authorization: part.json.result.authorization, ...STORES_ONCE },
      body: OTHER as BodyInit,
    });
    expect(await replaced.text()).toContain('FileAlreadyExists');
    expect(replaced.status).toBe(409);
    expect(await storedSha256(sandbox, session.bucket, session.key)).toBe(sha256(SAMPLE_MP4));
  });

  it('ownership: a multipart upload signed as the browser asks (parts with the no-overwrite condition) stores the video', async () => {
    const applied = await h.call('POST', '/tencent/apply-upload', { mediaType: 'mp4' }, USER);
    const { result: v2, ticket } = applied.json;
    const bucket = `${v2.storageBucket}-${v2.appId}`;
    const key = v2.video.storagePath.slice(1);
    const host = new URL(sandbox.descriptor.url).host;
    const session = { ticket, bucket, key, host, url: `${sandbox.descriptor.url}/${bucket}/${key}` };
    const send = async (
      method: string,
      query: Record<string, string>,
      headers: Record<string, string>,
      body?: BodyInit,
    ) => {
      const signed = await sign(session, { method, query, headers: { host, ...headers } });
      expect(signed.status).toBe(200);
      const search = new URLSearchParams(query).toString();
      return fetch(`${session.url}?${search}`, {
        method,
        headers: { authorization: signed.json.result.authorization, ...headers },
        ...(body === undefined ? {} : { body }),
      });
    };
    const init = await send('POST', { uploads: '' }, {});
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await init.text())?.[1] ?? '';
    const part = await send('PUT', { partNumber: '1', uploadId }, STORES_ONCE, SAMPLE_MP4 as BodyInit);
    expect(part.status).toBe(200);
    const etag = part.headers.get('etag') ?? '';
    const complete = await send(
      'POST',
      { uploadId },
      STORES_ONCE,
      `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`,
    );
    expect(complete.status).toBe(200);
    expect(await storedSha256(sandbox, bucket, key)).toBe(sha256(SAMPLE_MP4));
  });
});
