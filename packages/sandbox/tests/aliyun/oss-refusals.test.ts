import type OSS from 'ali-oss';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  bytes,
  decodeBase64Json,
  sha256,
  ossSignUtils as signUtils,
  type UploadAddress,
  type UploadAuth,
  useAliyunFixture,
} from './aliyun-fixture.js';

interface OssError extends Error {
  code: string;
  status: number;
  requestId: string;
}

const f = useAliyunFixture((f) => {
  f.sandbox.context.clock.skewMs = 0;
});

/** A fresh video and its decoded upload target. */
async function target(): Promise<{ address: UploadAddress; auth: UploadAuth }> {
  const created = await f.call<{ UploadAddress: string; UploadAuth: string }>('CreateUploadVideo', {
    Title: 't',
    FileName: 'v.mp4',
  });
  return {
    address: decodeBase64Json<UploadAddress>(created.UploadAddress),
    auth: decodeBase64Json<UploadAuth>(created.UploadAuth),
  };
}

function failure(promise: Promise<unknown>): Promise<OssError> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as OssError,
  );
}

describe('OSS object API', () => {
  it('answers errors as OSS XML with x-oss-request-id, and serves Range reads', async () => {
    const { address, auth } = await target();
    const missing = await fetch(`${address.Endpoint}/${address.Bucket}/no/such.mp4`);
    expect(missing.status).toBe(404);
    const doc = new XMLParser().parse(await missing.text()) as { Error: Record<string, string> };
    expect(doc.Error).toMatchObject({ Code: 'NoSuchKey', HostId: expect.stringContaining(address.Bucket) });
    expect(doc.Error.RequestId).toBe(missing.headers.get('x-oss-request-id'));
    expect(doc.Error.RequestId).toMatch(/^[0-9A-F]{24}$/);

    const body = bytes(5000);
    await f.oss(address, auth).put(address.FileName, body);
    const oss = f.oss(address, auth);
    const head = await oss.head(address.FileName);
    expect((head.res.headers as Record<string, string>)['content-length']).toBe('5000');
    const ranged = await oss.get(address.FileName, { headers: { Range: 'bytes=-100' } });
    expect(ranged.res.status).toBe(206);
    expect(Buffer.from(ranged.content as Buffer)).toEqual(body.subarray(4900));
    const past = await fetch(`${address.Endpoint}/${address.Bucket}/${address.FileName}`, {
      headers: { range: 'bytes=9000-' },
    });
    expect(past.status).toBe(416);
  });

  it('ali-oss without sldEnable (virtual-hosted Host header against an IP endpoint) also works', async () => {
    const { address, auth } = await target();
    const body = bytes(1234, 3);
    await f.oss(address, auth, { sldEnable: false }).put(address.FileName, body);
    expect(await f.stored(address.Bucket, address.FileName)).toEqual({
      size: body.length,
      sha256: sha256(body),
    });
  });

  it('signature V4 (ali-oss authorizationV4): multipartUpload of 3 parts; a wrong secret is refused', async () => {
    const { address, auth } = await target();
    const body = bytes(250 * 1024, 9);
    const v4 = f.oss(address, auth, { authorizationV4: true } as Partial<OSS.Options>);
    const result = await v4.multipartUpload(address.FileName, body, { partSize: 100 * 1024 });
    expect(result.res.status).toBe(200);
    expect(await f.stored(address.Bucket, address.FileName)).toEqual({
      size: body.length,
      sha256: sha256(body),
    });
    const wrong = f.oss(address, { ...auth, AccessKeySecret: 'wrong' }, {
      authorizationV4: true,
    } as Partial<OSS.Options>);
    const error = await failure(wrong.put(address.FileName, bytes(10)));
    expect([error.code, error.status]).toEqual(['SignatureDoesNotMatch', 403]);
  });

  it('signature V4 takes only x-oss-content-sha256: UNSIGNED-PAYLOAD, as OSS', async () => {
    const { address, auth } = await target();
    // ali-oss always sends UNSIGNED-PAYLOAD, so its V4 signer signs the other values here.
    for (const value of ['0'.repeat(64), 'garbage', undefined]) {
      const headers: Record<string, string> = {
        'x-oss-date': new Date()
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d+Z$/, 'Z'),
        'x-oss-security-token': auth.SecurityToken,
        'content-type': 'video/mp4',
        ...(value ? { 'x-oss-content-sha256': value } : {}),
      };
      const authorization = signUtils.authorizationV4(
        auth.AccessKeyId,
        auth.AccessKeySecret,
        f.sandbox.descriptor.aliyun.regionId,
        'PUT',
        { headers, queries: {} },
        address.Bucket,
        address.FileName,
        [],
      );
      const response = await fetch(
        `${f.sandbox.descriptor.aliyun.ossEndpoint}/${address.Bucket}/${address.FileName}`,
        {
          method: 'PUT',
          headers: { ...headers, authorization },
          body: 'v4 body',
        },
      );
      expect([response.status, (await response.text()).match(/<Code>(\w+)<\/Code>/)?.[1]]).toEqual([
        400,
        'InvalidArgument',
      ]);
    }
    expect(await f.stored(address.Bucket, address.FileName)).toBeUndefined();
  });

  it('a V4 presigned URL (ali-oss signatureUrlV4) is verified: it reads until it expires, a tampered one is refused, never served as anonymous', async () => {
    const { address, auth } = await target();
    const body = bytes(1000, 4);
    await f.oss(address, auth).put(address.FileName, body);
    const url = await f.oss(address, auth).signatureUrlV4('GET', 60, { headers: {} }, address.FileName);
    const read = await fetch(url);
    expect(read.status).toBe(200);
    expect(sha256(Buffer.from(await read.arrayBuffer()))).toBe(sha256(body));
    const tampered = new URL(url);
    tampered.searchParams.set('x-oss-signature', '0'.repeat(64));
    const refused = await fetch(tampered);
    expect([refused.status, (await refused.text()).match(/<Code>(\w+)<\/Code>/)?.[1]]).toEqual([
      403,
      'SignatureDoesNotMatch',
    ]);
    const past = new URL(url);
    past.searchParams.set('x-oss-date', '20200101T000000Z');
    expect((await fetch(past)).status).toBe(403);
    f.sandbox.context.clock.skewMs = 120_000;
    const expired = await fetch(url);
    expect([expired.status, (await expired.text()).includes('Request has expired')]).toEqual([403, true]);
  });

  it('x-oss-forbid-overwrite: true keeps the object at the key, for PutObject and CompleteMultipartUpload: 409 FileAlreadyExists', async () => {
    const { address, auth } = await target();
    const oss = f.oss(address, auth);
    const first = bytes(1000, 1);
    await oss.put(address.FileName, first);
    const forbid = { headers: { 'x-oss-forbid-overwrite': 'true' } };
    const put = await failure(oss.put(address.FileName, bytes(1000, 2), forbid));
    expect([put.code, put.status]).toEqual(['FileAlreadyExists', 409]);
    const { uploadId } = await oss.initMultipartUpload(address.FileName);
    const part = await oss.uploadPart(address.FileName, uploadId, 1, bytes(1000, 3), 0, 1000);
    const complete = await failure(
      oss.completeMultipartUpload(address.FileName, uploadId, [{ number: 1, etag: part.etag }], forbid),
    );
    expect([complete.code, complete.status]).toEqual(['FileAlreadyExists', 409]);
    expect(await f.stored(address.Bucket, address.FileName)).toEqual({ size: 1000, sha256: sha256(first) });
  });

  it('a presigned PUT URL (V1 query signature with the STS token) uploads; tampering with it is refused', async () => {
    const { address, auth } = await target();
    // ali-oss's signatureUrl refuses IP endpoints, so its V1 signer builds the URL here.
    const expires = String(Math.floor(Date.now() / 1000) + 300);
    const stringToSign = signUtils.buildCanonicalString(
      'PUT',
      `/${address.Bucket}/${address.FileName}`,
      { headers: { 'content-type': 'video/mp4' }, parameters: { 'security-token': auth.SecurityToken } },
      expires,
    );
    const query = new URLSearchParams({
      OSSAccessKeyId: auth.AccessKeyId,
      Expires: expires,
      Signature: signUtils.computeSignature(auth.AccessKeySecret, stringToSign),
      'security-token': auth.SecurityToken,
    });
    const url = `${address.Endpoint}/${address.Bucket}/${address.FileName}?${query}`;
    const body = bytes(2048, 5);
    const put = await fetch(url, {
      method: 'PUT',
      body: new Uint8Array(body),
      headers: { 'content-type': 'video/mp4' },
    });
    expect(put.status).toBe(200);
    expect(await f.stored(address.Bucket, address.FileName)).toEqual({
      size: body.length,
      sha256: sha256(body),
    });
    const tampered = await fetch(url, {
      method: 'PUT',
      body: new Uint8Array(body),
      headers: { 'content-type': 'text/plain' },
    });
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('fault injection hits OSS PutObject and UploadPart, and the log records it', async () => {
    const { address, auth } = await target();
    const oss = f.oss(address, auth);
    f.sandbox.context.faults.set({ failNextUploads: { count: 1, kind: 503 } });
    try {
      const since = f.sandbox.context.log.lastSeq;
      const error = await failure(oss.put(address.FileName, bytes(10)));
      expect(error.status).toBe(503);
      expect(f.sandbox.context.log.list(since).find((r) => r.action === 'PutObject')).toMatchObject({
        fault: '503',
      });
      const { uploadId } = await oss.initMultipartUpload(address.FileName);
      f.sandbox.context.faults.set({ failNextUploads: { count: 1, kind: 500 } });
      const part = bytes(1000);
      const failed = await failure(oss.uploadPart(address.FileName, uploadId, 1, part, 0, part.length));
      expect(failed.status).toBe(500);
      const retried = await oss.uploadPart(address.FileName, uploadId, 1, part, 0, part.length);
      expect(retried.etag).toMatch(/^"[0-9a-f]{32}"$/);
    } finally {
      f.sandbox.context.faults.reset();
    }
  });

  it('ListParts, ListMultipartUploads (scoped to the credential) and AbortMultipartUpload', async () => {
    const { address, auth } = await target();
    const other = await target();
    const oss = f.oss(address, auth);
    const init = await oss.initMultipartUpload(address.FileName);
    await f.oss(other.address, other.auth).initMultipartUpload(other.address.FileName);
    const part = bytes(100 * 1024);
    await oss.uploadPart(address.FileName, init.uploadId, 1, part, 0, part.length);
    const listed = await oss.listParts(address.FileName, init.uploadId, {} as OSS.ListPartsQuery);
    // ali-oss parses XML with xml2js (explicitArray: false): one part is an object, not a list.
    const partList = ([] as Array<{ PartNumber: string; Size: string }>).concat(listed.parts as never);
    expect(partList.map((p) => [p.PartNumber, p.Size])).toEqual([['1', String(part.length)]]);
    const uploads = await oss.listUploads({});
    expect(([] as Array<{ name: string }>).concat(uploads.uploads).map((u) => u.name)).toEqual([
      address.FileName,
    ]);
    await oss.abortMultipartUpload(address.FileName, init.uploadId);
    const gone = await failure(oss.listParts(address.FileName, init.uploadId, {} as OSS.ListPartsQuery));
    expect([gone.code, gone.status]).toEqual(['NoSuchUpload', 404]);
  });
});

describe('OSS refusals', () => {
  it('a wrong signature → SignatureDoesNotMatch 403', async () => {
    const { address, auth } = await target();
    const error = await failure(
      f.oss(address, { ...auth, AccessKeySecret: 'wrong' }).put(address.FileName, bytes(10)),
    );
    expect([error.code, error.status]).toEqual(['SignatureDoesNotMatch', 403]);
    expect(error.requestId).toMatch(/^[0-9A-F]{24}$/);
    expect(await f.stored(address.Bucket, address.FileName)).toBeUndefined();
  });

  it('an unknown AccessKeyId → InvalidAccessKeyId 403; a wrong token → AccessDenied 403', async () => {
    const { address, auth } = await target();
    const unknown = await failure(
      f.oss(address, { ...auth, AccessKeyId: 'STS.nobody' }).put(address.FileName, bytes(10)),
    );
    expect([unknown.code, unknown.status]).toEqual(['InvalidAccessKeyId', 403]);
    const badToken = await failure(
      f.oss(address, { ...auth, SecurityToken: 'forged' }).put(address.FileName, bytes(10)),
    );
    expect([badToken.code, badToken.status]).toEqual(['AccessDenied', 403]);
  });

  it('a write outside the credential scope → AccessDenied 403; an anonymous write too', async () => {
    const { address, auth } = await target();
    const outside = await failure(f.oss(address, auth).put('sv/someone-else/video.mp4', bytes(10)));
    expect([outside.code, outside.status]).toEqual(['AccessDenied', 403]);
    const initOutside = await failure(f.oss(address, auth).initMultipartUpload('other.mp4'));
    expect(initOutside.code).toBe('AccessDenied');
    const anonymous = await fetch(`${address.Endpoint}/${address.Bucket}/${address.FileName}`, {
      method: 'PUT',
      body: 'x',
    });
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('a request time off the sandbox clock → RequestTimeTooSkewed 403', async () => {
    const { address, auth } = await target();
    await fetch(`${f.sandbox.descriptor.adminUrl}/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"skewMs":-1200000}',
    });
    const error = await failure(f.oss(address, auth).put(address.FileName, bytes(10)));
    expect([error.code, error.status]).toEqual(['RequestTimeTooSkewed', 403]);
  });

  it('a body that does not match Content-MD5 → InvalidDigest 400, nothing stored', async () => {
    const { address, auth } = await target();
    const error = await failure(
      f
        .oss(address, auth)
        .put(address.FileName, bytes(10), { headers: { 'Content-MD5': '1B2M2Y8AsgTpgAmY7PhCfg==' } }),
    );
    expect([error.code, error.status]).toEqual(['InvalidDigest', 400]);
    expect(await f.stored(address.Bucket, address.FileName)).toBeUndefined();
  });

  it('CompleteMultipartUpload with a wrong ETag → InvalidPart; out of order → InvalidPartOrder; small part → EntityTooSmall', async () => {
    const { address, auth } = await target();
    const oss = f.oss(address, auth);
    const { uploadId } = await oss.initMultipartUpload(address.FileName);
    const small = bytes(50 * 1024, 1);
    const big = bytes(100 * 1024, 2);
    const p1 = await oss.uploadPart(address.FileName, uploadId, 1, small, 0, small.length);
    const p2 = await oss.uploadPart(address.FileName, uploadId, 2, big, 0, big.length);
    const badEtag = await failure(
      oss.completeMultipartUpload(address.FileName, uploadId, [
        { number: 1, etag: p1.etag },
        { number: 2, etag: '"00000000000000000000000000000000"' },
      ]),
    );
    expect([badEtag.code, badEtag.status]).toEqual(['InvalidPart', 400]);
    // ali-oss sorts the parts itself: send the out-of-order list raw.
    const xml = `<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>${p2.etag}</ETag></Part><Part><PartNumber>1</PartNumber><ETag>${p1.etag}</ETag></Part></CompleteMultipartUpload>`;
    const order = await f.ossFetch('POST', address.FileName, { uploadId }, xml);
    expect(order.status).toBe(400);
    expect(await order.text()).toContain('<Code>InvalidPartOrder</Code>');
    const malformed = await f.ossFetch(
      'POST',
      address.FileName,
      { uploadId },
      '<CompleteMultipartUpload><Part>',
    );
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('<Code>MalformedXML</Code>');
    const tooSmall = await failure(
      oss.completeMultipartUpload(address.FileName, uploadId, [
        { number: 1, etag: p1.etag },
        { number: 2, etag: p2.etag },
      ]),
    );
    expect([tooSmall.code, tooSmall.status]).toEqual(['EntityTooSmall', 400]);
    // A small LAST part is fine: parts 2 (100 KiB) then 3 (50 KiB).
    const p3 = await oss.uploadPart(address.FileName, uploadId, 3, small, 0, small.length);
    await oss.completeMultipartUpload(address.FileName, uploadId, [
      { number: 2, etag: p2.etag },
      { number: 3, etag: p3.etag },
    ]);
    const joined = Buffer.concat([big, small]);
    expect(await f.stored(address.Bucket, address.FileName)).toEqual({
      size: joined.length,
      sha256: sha256(joined),
    });
  });

  it('an expired UploadAuth → SecurityTokenExpired 403 (admin expire-credentials); RefreshUploadVideo heals it', async () => {
    const created = await f.call<{ VideoId: string; UploadAddress: string; UploadAuth: string }>(
      'CreateUploadVideo',
      {
        Title: 'exp',
        FileName: 'e.mp4',
      },
    );
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress);
    await fetch(`${f.sandbox.descriptor.adminUrl}/expire-credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    const error = await failure(
      f.oss(address, decodeBase64Json<UploadAuth>(created.UploadAuth)).put(address.FileName, bytes(10)),
    );
    expect([error.code, error.status]).toEqual(['SecurityTokenExpired', 403]);
    const refreshed = await f.call<{ UploadAuth: string }>('RefreshUploadVideo', {
      VideoId: created.VideoId,
    });
    const put = await f
      .oss(address, decodeBase64Json<UploadAuth>(refreshed.UploadAuth))
      .put(address.FileName, bytes(10));
    expect(put.res.status).toBe(200);
  });
});
