import { createHash, createHmac } from 'node:crypto';
import COS from 'cos-nodejs-sdk-v5';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { signCosRequest } from '../support/sign-cos-request.js';
import { bytes, refusal, sha256, type TempCertificate, useTencentFixture } from './tencent-fixture.js';

const t = useTencentFixture((fixture) => {
  fixture.sandbox.context.clock.skewMs = 0;
});

async function session() {
  const apply = await t.vod.ApplyUpload({ MediaType: 'mp4' });
  const certificate = apply.TempCertificate as TempCertificate;
  return { key: apply.MediaStoragePath!.slice(1), certificate, cos: t.cosWith(certificate) };
}

/** A request signed by cos-nodejs-sdk-v5's own signer with a TempCertificate. */
function signedFetch(
  certificate: TempCertificate,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  key: string,
  query: Record<string, string>,
  body?: string,
): Promise<Response> {
  const { url, headers } = signCosRequest(t.sandbox.descriptor, certificate, method, key, query);
  return fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
}

const xml = new XMLParser({ parseTagValue: false });
const put = (cos: COS, key: string, body: Buffer) =>
  cos.putObject({ Bucket: t.bucket, Region: t.region, Key: key, Body: body });

describe('COS authentication and scope', () => {
  it('refuses a signature made with the wrong secret: 403 SignatureDoesNotMatch', async () => {
    const { key, certificate } = await session();
    const wrong = t.cosWith({ ...certificate, SecretKey: `${certificate.SecretKey}x` });
    expect(await refusal(put(wrong, key, bytes(10)))).toEqual({
      code: 'SignatureDoesNotMatch',
      statusCode: 403,
    });
  });

  it('refuses an unknown SecretId (403 InvalidAccessKeyId) and a foreign token (403 AccessDenied)', async () => {
    const { key, certificate } = await session();
    const unknown = t.cosWith({ ...certificate, SecretId: 'AKIDtmpUNKNOWN' });
    expect(await refusal(put(unknown, key, bytes(10)))).toEqual({
      code: 'InvalidAccessKeyId',
      statusCode: 403,
    });
    const other = await session();
    const forged = t.cosWith({ ...certificate, Token: other.certificate.Token });
    expect(await refusal(put(forged, key, bytes(10)))).toEqual({ code: 'AccessDenied', statusCode: 403 });
  });

  it('refuses an expired certificate: 403 ExpiredToken', async () => {
    const { key, cos } = await session();
    await put(cos, key, bytes(10));
    await fetch(`${t.sandbox.descriptor.adminUrl}/expire-credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(await refusal(put(cos, key, bytes(10)))).toEqual({ code: 'ExpiredToken', statusCode: 403 });
  });

  it('refuses a key outside the certificate scope: 403 AccessDenied', async () => {
    const { key, cos } = await session();
    const other = await session();
    expect(await refusal(put(cos, other.key, bytes(10)))).toEqual({ code: 'AccessDenied', statusCode: 403 });
    expect(await refusal(put(cos, `${key}.extra`, bytes(10)))).toEqual({
      code: 'AccessDenied',
      statusCode: 403,
    });
    expect(await t.stored(other.key)).toBeUndefined();
  });

  it('refuses anonymous writes but serves anonymous reads, with COS error XML', async () => {
    const { key, cos } = await session();
    const { url } = t.sandbox.descriptor;
    const anonymous = await fetch(`${url}/${t.bucket}/${key}`, { method: 'PUT', body: 'x' });
    expect(anonymous.status).toBe(403);
    expect(anonymous.headers.get('x-cos-request-id')).toBeTruthy();
    const error = xml.parse(await anonymous.text()).Error;
    expect(error).toMatchObject({
      Code: 'AccessDenied',
      RequestId: anonymous.headers.get('x-cos-request-id'),
    });
    expect(Object.keys(error)).toEqual(['Code', 'Message', 'Resource', 'RequestId', 'TraceId']);
    const missing = await fetch(`${url}/${t.bucket}/${key}`);
    expect(missing.status).toBe(404);
    expect(xml.parse(await missing.text()).Error.Code).toBe('NoSuchKey');
    await put(cos, key, bytes(100));
    const read = await fetch(`${url}/${t.bucket}/${key}`);
    expect(sha256(new Uint8Array(await read.arrayBuffer()))).toBe(sha256(bytes(100)));
  });
});

describe('COS signature time and query-string signatures', () => {
  function signWith(certificate: TempCertificate, key: string, keyTime: string) {
    return COS.getAuthorization({
      SecretId: certificate.SecretId,
      SecretKey: certificate.SecretKey,
      Method: 'PUT',
      Pathname: `/${key}`,
      Headers: {
        Host: t.sandbox.descriptor.url.replace('http://', ''),
        'x-cos-security-token': certificate.Token,
      },
      KeyTime: keyTime,
    });
  }
  const put = (key: string, authorization: string, token: string) =>
    fetch(`${t.sandbox.descriptor.url}/${t.bucket}/${key}`, {
      method: 'PUT',
      headers: { Authorization: authorization, 'x-cos-security-token': token },
      body: 'x',
    });

  it('refuses a q-sign-time that has ended (403 AccessDenied) or starts too far ahead (403 RequestTimeTooSkewed)', async () => {
    const { key, certificate } = await session();
    const now = Math.floor(Date.now() / 1000);
    const ended = await put(key, signWith(certificate, key, `${now - 900};${now - 60}`), certificate.Token);
    expect(ended.status).toBe(403);
    expect(xml.parse(await ended.text()).Error).toMatchObject({
      Code: 'AccessDenied',
      Message: 'Request has expired',
    });
    const ahead = await put(
      key,
      signWith(certificate, key, `${now + 3600};${now + 4000}`),
      certificate.Token,
    );
    expect(ahead.status).toBe(403);
    expect(xml.parse(await ahead.text()).Error.Code).toBe('RequestTimeTooSkewed');
    const fine = await put(key, signWith(certificate, key, `${now - 5};${now + 600}`), certificate.Token);
    expect(fine.status).toBe(200);
  });

  /**
   * A PUT's Authorization with a q-sign-time other than its q-key-time, which no SDK sends (both sign
   * one window as both): cos-nodejs-sdk-v5 signs with the key time, then the signature is made again
   * here, by COS's documented algorithm, over the other sign time.
   */
  function signWithTimes(certificate: TempCertificate, key: string, signTime: string, keyTime: string) {
    const encode = (value: string) =>
      encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const host = t.sandbox.descriptor.url.replace('http://', '');
    const headers = `host=${encode(host)}&x-cos-security-token=${encode(certificate.Token)}`;
    const formatString = `put\n/${key}\n\n${headers}\n`;
    const signKey = createHmac('sha1', certificate.SecretKey).update(keyTime).digest('hex');
    const stringToSign = `sha1\n${signTime}\n${createHash('sha1').update(formatString).digest('hex')}\n`;
    const signature = createHmac('sha1', signKey).update(stringToSign).digest('hex');
    return signWith(certificate, key, keyTime)
      .replace(/q-sign-time=[^&]*/, `q-sign-time=${signTime}`)
      .replace(/q-signature=[0-9a-f]*/, `q-signature=${signature}`);
  }
  const errorOf = async (response: Response) => {
    const { Code, Message } = xml.parse(await response.text()).Error;
    return { status: response.status, Code, Message };
  };

  it('refuses a q-key-time that has ended (403 AccessDenied) or starts too far ahead (403 RequestTimeTooSkewed) while q-sign-time is current', async () => {
    const { key, certificate } = await session();
    const now = Math.floor(Date.now() / 1000);
    const current = `${now - 5};${now + 600}`;
    const put = (keyTime: string) =>
      fetch(`${t.sandbox.descriptor.url}/${t.bucket}/${key}`, {
        method: 'PUT',
        headers: {
          Authorization: signWithTimes(certificate, key, current, keyTime),
          'x-cos-security-token': certificate.Token,
        },
        body: 'x',
      });
    expect(await errorOf(await put(`${now - 900};${now - 60}`))).toEqual({
      status: 403,
      Code: 'AccessDenied',
      Message: 'Request has expired',
    });
    expect(await errorOf(await put(`${now + 3600};${now + 4000}`))).toMatchObject({
      status: 403,
      Code: 'RequestTimeTooSkewed',
    });
    expect(await t.stored(key)).toBeUndefined();
    // The signature made here is the SDK's when the two times are one; two windows that both hold
    // now: the signature is good, the object stored.
    expect(signWithTimes(certificate, key, current, current)).toBe(signWith(certificate, key, current));
    expect((await put(`${now - 60};${now + 3000}`)).status).toBe(200);
    expect((await t.stored(key))?.size).toBe(1);
  });

  it('answers "Request has expired" for a window that ended before it started (a credential that expired before the signing start, as a paused upload resumed late signs)', async () => {
    const { key, certificate } = await session();
    const now = Math.floor(Date.now() / 1000);
    // The SDK signs [now − 60; the credential's expiry]: past expiry by more than 60 s, it is reversed.
    const late = await put(key, signWith(certificate, key, `${now - 60};${now - 300}`), certificate.Token);
    expect(await errorOf(late)).toEqual({
      status: 403,
      Code: 'AccessDenied',
      Message: 'Request has expired',
    });
    expect(await t.stored(key)).toBeUndefined();
  });

  it('refuses a malformed q-key-time or q-sign-time (not <start>;<end> seconds, or ending before it starts): 403 AccessDenied', async () => {
    const { key, certificate } = await session();
    const now = Math.floor(Date.now() / 1000);
    const current = `${now - 5};${now + 600}`;
    const put = (signTime: string, keyTime: string) =>
      fetch(`${t.sandbox.descriptor.url}/${t.bucket}/${key}`, {
        method: 'PUT',
        headers: {
          Authorization: signWithTimes(certificate, key, signTime, keyTime),
          'x-cos-security-token': certificate.Token,
        },
        body: 'x',
      });
    const malformed = {
      status: 403,
      Code: 'AccessDenied',
      Message: 'The Authorization is not a valid q-sign signature.',
    };
    // Reversed windows that have not ended (one that has is "Request has expired", below).
    for (const keyTime of ['soon', `${now - 5};`, `${now - 5};${now + 600};1`, `${now + 700};${now + 600}`]) {
      expect(await errorOf(await put(current, keyTime)), keyTime).toEqual(malformed);
    }
    expect(await errorOf(await put(`${now + 700};${now + 600}`, current))).toEqual(malformed);
    expect(await t.stored(key)).toBeUndefined();
  });

  it("keeps the SDKs' own windows working as the sandbox clock moves: the default 900 s, a presigned URL's Expires, and the SDK's clock correction from the answer's Date", async () => {
    const { tencent } = t.sandbox.descriptor;
    const cos = t.cosWithKeys(tencent.secretId, tencent.secretKey);
    const Key = 'clock/window.bin';
    // cos-nodejs-sdk-v5 signs from a second ago to 900 s ahead: valid at once, and until then.
    await cos.putObject({ Bucket: t.bucket, Region: t.region, Key, Body: bytes(10) });
    const url = cos.getObjectUrl(
      { Bucket: t.bucket, Region: t.region, Key, Method: 'PUT', Sign: true, Expires: 60 },
      () => {},
    );
    t.sandbox.context.clock.skewMs = 30_000;
    expect((await fetch(url, { method: 'PUT', body: 'presigned' })).status).toBe(200);
    t.sandbox.context.clock.skewMs = 61_000;
    expect(await errorOf(await fetch(url, { method: 'PUT', body: 'late' }))).toEqual({
      status: 403,
      Code: 'AccessDenied',
      Message: 'Request has expired',
    });
    expect((await t.stored(Key))?.size).toBe('presigned'.length);

    // Past the SDK's window: refused, then the SDK takes the sandbox's time from the answer's Date
    // and signs again, as it does against COS.
    t.sandbox.context.clock.skewMs = 1000_000;
    const since = t.sandbox.context.log.lastSeq;
    await cos.putObject({ Bucket: t.bucket, Region: t.region, Key, Body: bytes(20) });
    expect((await t.stored(Key))?.size).toBe(20);
    const puts = t.sandbox.context.log.list(since).filter((e) => e.method === 'PUT' && e.key === Key);
    expect(puts.map((e) => [e.status, e.errorCode])).toEqual([
      [403, 'AccessDenied'],
      [200, undefined],
    ]);
  });

  it('accepts the q-sign fields in the query string with the token as x-cos-security-token', async () => {
    const { key, certificate } = await session();
    const authorization = signWith(
      certificate,
      key,
      `${Math.floor(Date.now() / 1000) - 5};${Math.floor(Date.now() / 1000) + 600}`,
    );
    const query = `${authorization}&x-cos-security-token=${encodeURIComponent(certificate.Token)}`;
    const response = await fetch(`${t.sandbox.descriptor.url}/${t.bucket}/${key}?${query}`, {
      method: 'PUT',
      headers: { 'x-cos-security-token': certificate.Token },
      body: 'query-signed',
    });
    expect(response.status).toBe(200);
    expect(await t.stored(key)).toEqual({ size: 12, sha256: sha256(Buffer.from('query-signed')) });
    const tampered = await fetch(
      `${t.sandbox.descriptor.url}/${t.bucket}/${key}?${query.replace('q-ak=', 'q-ak=X')}`,
      {
        method: 'PUT',
        headers: { 'x-cos-security-token': certificate.Token },
        body: 'x',
      },
    );
    expect(tampered.status).toBe(403);
  });

  it("reads query names for the signature lower-cased, a listed one the request lacks as empty, and for routing as COS spells them (README: the signer's worst case)", async () => {
    const { key, certificate, cos } = await session();
    const { UploadId } = await cos.multipartInit({ Bucket: t.bucket, Region: t.region, Key: key });
    const part = signCosRequest(t.sandbox.descriptor, certificate, 'PUT', key, {
      partNumber: '1',
      uploadId: UploadId,
    });
    // The part's signature verifies with the names re-cased, and the request is then a PutObject.
    const recased = await fetch(
      part.url.replace('partNumber=', 'PARTNUMBER=').replace('uploadId=', 'UPLOADID='),
      {
        method: 'PUT',
        headers: part.headers,
        body: 'recased',
      },
    );
    expect(recased.status).toBe(200);
    expect(await t.stored(key)).toEqual({ size: 7, sha256: sha256(Buffer.from('recased')) });
    expect(
      await cos.multipartListPart({ Bucket: t.bucket, Region: t.region, Key: key, UploadId }),
    ).toMatchObject({
      Part: [],
    });
    // Listed with empty values, the names verify on a request without them.
    const empty = signCosRequest(t.sandbox.descriptor, certificate, 'PUT', key, {
      partNumber: '',
      uploadId: '',
    });
    const bare = await fetch(empty.url.split('?')[0]!, {
      method: 'PUT',
      headers: empty.headers,
      body: 'bare',
    });
    expect(bare.status).toBe(200);
    expect(await t.stored(key)).toEqual({ size: 4, sha256: sha256(Buffer.from('bare')) });
  });
});

describe('COS Content-MD5', () => {
  it('checks the Content-MD5 the SDK sends (UploadCheckContentMd5); a mismatch is 400 BadDigest and stores nothing', async () => {
    const { key, certificate } = await session();
    const body = bytes(2048, 5);
    const checking = t.cosWith(certificate, { UploadCheckContentMd5: true });
    await checking.putObject({ Bucket: t.bucket, Region: t.region, Key: key, Body: body });
    expect((await t.stored(key))?.sha256).toBe(sha256(body));
    await checking.deleteObject({ Bucket: t.bucket, Region: t.region, Key: key });
    const wrongMd5 = createHash('md5').update('something else').digest('base64');
    const wrong = t.cosWith(certificate).putObject({
      Bucket: t.bucket,
      Region: t.region,
      Key: key,
      Body: body,
      Headers: { 'Content-MD5': wrongMd5 },
    });
    expect(await refusal(wrong)).toEqual({ code: 'BadDigest', statusCode: 400 });
    expect(await t.stored(key)).toBeUndefined();
  });

  it('a refused digest keeps what the key held: the object and a stored part stay, a malformed Content-MD5 is InvalidDigest', async () => {
    const { key, certificate, cos } = await session();
    const original = bytes(2048, 1);
    await put(cos, key, original);
    const wrongMd5 = createHash('md5').update('something else').digest('base64');
    const putWith = (md5: string) =>
      t.cosWith(certificate).putObject({
        Bucket: t.bucket,
        Region: t.region,
        Key: key,
        Body: bytes(2048, 2),
        Headers: { 'Content-MD5': md5 },
      });
    expect(await refusal(putWith(wrongMd5))).toEqual({ code: 'BadDigest', statusCode: 400 });
    expect(await refusal(putWith('not-base64!!'))).toEqual({ code: 'InvalidDigest', statusCode: 400 });
    expect((await t.stored(key))?.sha256).toBe(sha256(original));

    const init = await cos.multipartInit({ Bucket: t.bucket, Region: t.region, Key: key });
    const part = (Body: Buffer, Headers?: Record<string, string>) =>
      cos.multipartUpload({
        Bucket: t.bucket,
        Region: t.region,
        Key: key,
        UploadId: init.UploadId,
        PartNumber: 1,
        Body,
        ...(Headers ? { Headers } : {}),
      });
    const good = await part(bytes(1000, 3));
    expect(await refusal(part(bytes(1000, 4), { 'Content-MD5': wrongMd5 }))).toEqual({
      code: 'BadDigest',
      statusCode: 400,
    });
    const listed = await cos.multipartListPart({
      Bucket: t.bucket,
      Region: t.region,
      Key: key,
      UploadId: init.UploadId,
    });
    expect(listed.Part.map((p) => p.ETag)).toEqual([good.ETag]);
  });
});

describe('COS multipart checks', () => {
  async function twoParts(firstSize: number) {
    const s = await session();
    const init = await s.cos.multipartInit({ Bucket: t.bucket, Region: t.region, Key: s.key });
    const upload = (PartNumber: number, Body: Buffer) =>
      s.cos.multipartUpload({
        Bucket: t.bucket,
        Region: t.region,
        Key: s.key,
        UploadId: init.UploadId,
        PartNumber,
        Body,
      });
    const one = await upload(1, bytes(firstSize, 1));
    const two = await upload(2, bytes(1000, 2));
    const complete = (Parts: { PartNumber: number; ETag: string }[]) =>
      s.cos.multipartComplete({
        Bucket: t.bucket,
        Region: t.region,
        Key: s.key,
        UploadId: init.UploadId,
        Parts,
      });
    return { ...s, uploadId: init.UploadId, etags: [one.ETag, two.ETag], complete };
  }

  it('refuses a wrong ETag on complete: 400 InvalidPart', async () => {
    const m = await twoParts(1024 * 1024);
    const result = await refusal(
      m.complete([
        { PartNumber: 1, ETag: m.etags[0]! },
        { PartNumber: 2, ETag: '"00000000000000000000000000000000"' },
      ]),
    );
    expect(result).toEqual({ code: 'InvalidPart', statusCode: 400 });
  });

  it('refuses parts out of order: 400 InvalidPartOrder', async () => {
    const m = await twoParts(1024 * 1024);
    const result = await refusal(
      m.complete([
        { PartNumber: 2, ETag: m.etags[1]! },
        { PartNumber: 1, ETag: m.etags[0]! },
      ]),
    );
    expect(result).toEqual({ code: 'InvalidPartOrder', statusCode: 400 });
  });

  it('refuses a non-final part under 1 MiB: 400 EntityTooSmall; accepts it at exactly 1 MiB', async () => {
    const small = await twoParts(1024 * 1024 - 1);
    const parts = (etags: string[]) => etags.map((ETag, i) => ({ PartNumber: i + 1, ETag }));
    expect(await refusal(small.complete(parts(small.etags as string[])))).toEqual({
      code: 'EntityTooSmall',
      statusCode: 400,
    });
    const exact = await twoParts(1024 * 1024);
    await exact.complete(parts(exact.etags as string[]));
    expect((await t.stored(exact.key))?.size).toBe(1024 * 1024 + 1000);
  });

  it('refuses malformed XML on complete: 400 MalformedXML', async () => {
    const m = await twoParts(1024 * 1024);
    for (const body of ['<CompleteMultipartUpload><Part>', 'not xml', '<CompleteMultipartUpload/>']) {
      const response = await signedFetch(m.certificate, 'POST', m.key, { uploadId: m.uploadId }, body);
      expect(response.status).toBe(400);
      expect(xml.parse(await response.text()).Error.Code).toBe('MalformedXML');
    }
  });

  it('refuses malformed XML the validator passes but the parser cannot read (nested past 100 levels, a <__proto__> element) on complete: 400 MalformedXML', async () => {
    const m = await twoParts(1024 * 1024);
    for (const body of [
      `<CompleteMultipartUpload>${'<a>'.repeat(150)}${'</a>'.repeat(150)}</CompleteMultipartUpload>`,
      '<CompleteMultipartUpload><__proto__><PartNumber>1</PartNumber></__proto__></CompleteMultipartUpload>',
    ]) {
      const response = await signedFetch(m.certificate, 'POST', m.key, { uploadId: m.uploadId }, body);
      expect(response.status).toBe(400);
      expect(xml.parse(await response.text()).Error.Code).toBe('MalformedXML');
    }
    // The upload is still there to complete.
    await m.complete(m.etags.map((ETag, i) => ({ PartNumber: i + 1, ETag: ETag as string })));
    expect((await t.stored(m.key))?.size).toBe(1024 * 1024 + 1000);
  });

  it('survives an injected 500 on UploadPart through the SDK retry', async () => {
    const s = await session();
    t.sandbox.context.faults.set({ failNextUploads: { count: 1, kind: 500 } });
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'cos-fault-')), 'f.bin');
    const data = bytes(2.5 * 1024 * 1024, 9);
    writeFileSync(file, data);
    await s.cos.sliceUploadFile({
      Bucket: t.bucket,
      Region: t.region,
      Key: s.key,
      FilePath: file,
      ChunkSize: 1024 * 1024,
    });
    expect(t.sandbox.context.faults.injected).toBe(1);
    expect(await t.stored(s.key)).toEqual({ size: data.length, sha256: sha256(data) });
  });
});
