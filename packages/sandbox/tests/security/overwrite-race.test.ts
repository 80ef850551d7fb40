import { PassThrough } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type RequestRecord, type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aliyunClients,
  bytes,
  decodeBase64Json,
  sha256,
  type UploadAddress,
  type UploadAuth,
} from '../aliyun/aliyun-clients.js';
import { s3ClientFor } from '../s3/s3-fixture.js';
import { cosWithKeysOf } from '../tencent/tencent-fixture.js';

// A conditional write is decided when it completes, as on the clouds (the first to finish wins): a
// PUT whose body was still arriving when another one stored the object is refused at its end, and the
// object stays the first writer's. The condition is also checked before the body, so each slow PUT
// below is held until the sandbox reads its body: it got past that check while the key was empty.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const SIZE = 256 * 1024;
const FIRST = bytes(SIZE, 1);
const SECOND = bytes(SIZE, 2);

/** `{ size, sha256 }` of what the sandbox stored, through its admin route. */
async function stored(bucket: string, key: string): Promise<{ size: number; sha256: string } | undefined> {
  const url = `${sandbox.descriptor.adminUrl}/objects?bucket=${bucket}&key=${encodeURIComponent(key)}`;
  const response = await fetch(url);
  return response.ok ? ((await response.json()) as { size: number; sha256: string }) : undefined;
}

/** Waits until the sandbox has read at least `bytes` of an unanswered PUT's body to `key` (admin log). */
async function bodyArriving(key: string, bytes: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const response = await fetch(`${sandbox.descriptor.adminUrl}/log`);
    const { records } = (await response.json()) as { records: RequestRecord[] };
    const reading = records.some(
      (r) => r.method === 'PUT' && r.key === key && r.status === 0 && r.bytesIn >= bytes,
    );
    if (reading) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the sandbox never read ${bytes} bytes of the PUT to ${key}`);
}

/** A request body the test sends in two halves: the first now, the rest on `finish()`. */
function slowBody(data: Buffer): { stream: PassThrough; finish(): void } {
  const stream = new PassThrough();
  stream.write(data.subarray(0, data.length / 2));
  return { stream, finish: () => stream.end(data.subarray(data.length / 2)) };
}

/** How a call ended: `ok`, or the error's code and HTTP status as the SDK reports them. */
function outcome(promise: Promise<unknown>): Promise<{ code: string; status?: number }> {
  return promise.then(
    () => ({ code: 'ok' }),
    (error: {
      name?: string;
      code?: string;
      status?: number;
      statusCode?: number;
      error?: { Code?: string };
      $metadata?: { httpStatusCode?: number };
    }) => ({
      code: error.error?.Code ?? error.code ?? error.name ?? 'unknown',
      status: error.$metadata?.httpStatusCode ?? error.statusCode ?? error.status,
    }),
  );
}

describe('S3 If-None-Match: * stores once', () => {
  it('a slow conditional PutObject that started before another one completed is refused at its end (412), without overwrite', async () => {
    const { s3 } = sandbox.descriptor;
    const client = s3ClientFor(sandbox.descriptor, { maxAttempts: 1 });
    const Key = 'race/s3-put.bin';
    const slow = slowBody(SECOND);
    const late = outcome(
      client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key,
          Body: slow.stream,
          ContentLength: SIZE,
          IfNoneMatch: '*',
        }),
      ),
    );
    await bodyArriving(Key, SIZE / 2);
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: FIRST, IfNoneMatch: '*' }));
    slow.finish();
    expect(await late).toEqual({ code: 'PreconditionFailed', status: 412 });
    expect(await stored(s3.bucket, Key)).toEqual({ size: SIZE, sha256: sha256(FIRST) });
    client.destroy();
  });

  it('concurrent conditional CompleteMultipartUpload of one key: one stores, the others are refused (412), without overwrite', async () => {
    const { s3 } = sandbox.descriptor;
    const client = s3ClientFor(sandbox.descriptor, { maxAttempts: 1 });
    const Key = 'race/s3-multipart.bin';
    const bodies = [1, 2, 3, 4].map((seed) => bytes(1000, seed));
    const uploads = await Promise.all(
      bodies.map(async (Body) => {
        const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key }));
        const { ETag } = await client.send(
          new UploadPartCommand({ Bucket: s3.bucket, Key, UploadId, PartNumber: 1, Body }),
        );
        return { UploadId, ETag };
      }),
    );
    const outcomes = await Promise.all(
      uploads.map(({ UploadId, ETag }) =>
        outcome(
          client.send(
            new CompleteMultipartUploadCommand({
              Bucket: s3.bucket,
              Key,
              UploadId,
              IfNoneMatch: '*',
              MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
            }),
          ),
        ),
      ),
    );
    expectOneStored(outcomes, { code: 'PreconditionFailed', status: 412 });
    const winner = bodies[outcomes.findIndex((o) => o.code === 'ok')]!;
    expect(await stored(s3.bucket, Key)).toEqual({ size: winner.length, sha256: sha256(winner) });
    client.destroy();
  });
});

describe('COS x-cos-forbid-overwrite: true stores once', () => {
  // A new object per call: the SDK adds its own headers (Content-Length…) to the one it is given.
  const forbid = () => ({ 'x-cos-forbid-overwrite': 'true' });

  it('a slow PUT Object that started before another one completed is refused at its end (409), without overwrite', async () => {
    const { tencent } = sandbox.descriptor;
    const cos = cosWithKeysOf(sandbox.descriptor);
    const target = { Bucket: tencent.bucket, Region: tencent.region, Key: 'race/cos-put.bin' };
    const slow = slowBody(SECOND);
    const late = outcome(
      cos.putObject({ ...target, Body: slow.stream, ContentLength: SIZE, Headers: forbid() }),
    );
    await bodyArriving(target.Key, SIZE / 2);
    await cos.putObject({ ...target, Body: FIRST, Headers: forbid() });
    slow.finish();
    expect(await late).toEqual({ code: 'FileAlreadyExists', status: 409 });
    expect(await stored(tencent.bucket, target.Key)).toEqual({ size: SIZE, sha256: sha256(FIRST) });
  });

  it('concurrent Complete Multipart Upload of one key: one stores, the others are refused (409), without overwrite', async () => {
    const { tencent } = sandbox.descriptor;
    const cos = cosWithKeysOf(sandbox.descriptor);
    const target = { Bucket: tencent.bucket, Region: tencent.region, Key: 'race/cos-multipart.bin' };
    const bodies = [1, 2, 3, 4].map((seed) => bytes(1000, seed));
    const uploads = await Promise.all(
      bodies.map(async (Body) => {
        const { UploadId } = await cos.multipartInit(target);
        const { ETag } = await cos.multipartUpload({ ...target, UploadId, PartNumber: 1, Body });
        return { UploadId, ETag };
      }),
    );
    const outcomes = await Promise.all(
      uploads.map(({ UploadId, ETag }) =>
        outcome(
          cos.multipartComplete({ ...target, UploadId, Parts: [{ PartNumber: 1, ETag }], Headers: forbid() }),
        ),
      ),
    );
    expectOneStored(outcomes, { code: 'FileAlreadyExists', status: 409 });
    const winner = bodies[outcomes.findIndex((o) => o.code === 'ok')]!;
    expect(await stored(tencent.bucket, target.Key)).toEqual({ size: winner.length, sha256: sha256(winner) });
  });
});

describe('OSS x-oss-forbid-overwrite: true stores once', () => {
  // A new object per call: ali-oss adds its own headers (Content-Length…) to the one it is given.
  const forbid = () => ({ headers: { 'x-oss-forbid-overwrite': 'true' } });

  /** ali-oss on a fresh video's upload target, with its UploadAuth (an STS credential for that key). */
  async function videoTarget() {
    const clients = aliyunClients(sandbox.descriptor);
    const created = await clients.call<{ UploadAddress: string; UploadAuth: string }>('CreateUploadVideo', {
      Title: 'race',
      FileName: 'race.mp4',
    });
    const address = decodeBase64Json<UploadAddress>(created.UploadAddress);
    return { address, oss: clients.oss(address, decodeBase64Json<UploadAuth>(created.UploadAuth)) };
  }

  it('a slow PutObject that started before another one completed is refused at its end (409), without overwrite', async () => {
    const { address, oss } = await videoTarget();
    const slow = slowBody(SECOND);
    const late = outcome(oss.put(address.FileName, slow.stream, forbid()));
    await bodyArriving(address.FileName, SIZE / 2);
    await oss.put(address.FileName, FIRST, forbid());
    slow.finish();
    expect(await late).toEqual({ code: 'FileAlreadyExists', status: 409 });
    expect(await stored(address.Bucket, address.FileName)).toEqual({ size: SIZE, sha256: sha256(FIRST) });
  });

  it('concurrent CompleteMultipartUpload of one key: one stores, the others are refused (409), without overwrite', async () => {
    const { address, oss } = await videoTarget();
    const name = address.FileName;
    const bodies = [1, 2, 3, 4].map((seed) => bytes(1000, seed));
    const uploads = await Promise.all(
      bodies.map(async (body) => {
        const { uploadId } = await oss.initMultipartUpload(name);
        const { etag } = await oss.uploadPart(name, uploadId, 1, body, 0, body.length);
        return { uploadId, etag };
      }),
    );
    const outcomes = await Promise.all(
      uploads.map(({ uploadId, etag }) =>
        outcome(oss.completeMultipartUpload(name, uploadId, [{ number: 1, etag }], forbid())),
      ),
    );
    expectOneStored(outcomes, { code: 'FileAlreadyExists', status: 409 });
    const winner = bodies[outcomes.findIndex((o) => o.code === 'ok')]!;
    expect(await stored(address.Bucket, name)).toEqual({ size: winner.length, sha256: sha256(winner) });
  });
});

/** Exactly one write stored; each of the others got `refused`. */
function expectOneStored(
  outcomes: Array<{ code: string; status?: number }>,
  refused: { code: string; status: number },
): void {
  expect(
    outcomes.filter((o) => o.code === 'ok'),
    JSON.stringify(outcomes),
  ).toHaveLength(1);
  expect(outcomes.filter((o) => o.code !== 'ok')).toEqual(Array(outcomes.length - 1).fill(refused));
}
