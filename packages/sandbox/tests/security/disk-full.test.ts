import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { type Sandbox, startSandbox } from '@vod-uploader/sandbox';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aliyunClients } from '../aliyun/aliyun-clients.js';
import { s3ClientFor } from '../s3/s3-fixture.js';
import { bytes, cosWithKeysOf } from '../tencent/tencent-fixture.js';

let sandbox: Sandbox;
const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-disk-full-'));
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dataDir });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.context.faults.reset());

// Several chunks, so the first one reaches the disk before the write fails.
const BODY = bytes(512 * 1024);
const xml = new XMLParser({ parseTagValue: false });

/** Every file under the data directory whose name marks a write in progress. */
function leftovers(): string[] {
  return (readdirSync(dataDir, { recursive: true }) as string[]).filter((name) => name.endsWith('.tmp'));
}

async function diskFull(): Promise<void> {
  const answer = await fetch(`${sandbox.descriptor.adminUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ diskFull: { count: 100 } }),
  });
  expect(answer.status).toBe(200);
}

describe('a full disk (ENOSPC)', () => {
  it("sandbox answers S3's 500 InternalError on PutObject and UploadPart, and keeps nothing half-written", async () => {
    const { s3 } = sandbox.descriptor;
    const client = s3ClientFor(sandbox.descriptor, { maxAttempts: 1 });
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: 'full/part.bin' }),
    );
    await diskFull();
    for (const command of [
      new PutObjectCommand({ Bucket: s3.bucket, Key: 'full/s3.bin', Body: BODY }),
      new UploadPartCommand({ Bucket: s3.bucket, Key: 'full/part.bin', UploadId, PartNumber: 1, Body: BODY }),
    ]) {
      const error = await client.send(command as PutObjectCommand).then(
        () => undefined,
        (e: { name?: string; $metadata?: { httpStatusCode?: number } }) => e,
      );
      expect([error?.name, error?.$metadata?.httpStatusCode]).toEqual(['InternalError', 500]);
    }
    expect(await sandbox.context.store.hasObject(s3.bucket, 'full/s3.bin')).toBe(false);
    expect(await sandbox.context.store.listParts(UploadId!)).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it("sandbox answers COS's 500 InternalError in COS's XML, and keeps nothing half-written", async () => {
    const { tencent } = sandbox.descriptor;
    const cos = cosWithKeysOf(sandbox.descriptor);
    await diskFull();
    const error = await cos
      .putObject({ Bucket: tencent.bucket, Region: tencent.region, Key: 'full/cos.bin', Body: BODY })
      .then(
        () => undefined,
        (e: { statusCode?: number; error?: { Code?: string } }) => e,
      );
    expect([error?.error?.Code, error?.statusCode]).toEqual(['InternalError', 500]);
    expect(await sandbox.context.store.hasObject(tencent.bucket, 'full/cos.bin')).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("sandbox answers OSS's 500 InternalError in OSS's XML, and keeps nothing half-written", async () => {
    const clients = aliyunClients(sandbox.descriptor);
    await diskFull();
    const answer = await clients.ossFetch('PUT', 'full/oss.bin', {}, BODY.toString('latin1'));
    expect(answer.status).toBe(500);
    const doc = xml.parse(await answer.text());
    expect(doc.Error).toMatchObject({ Code: 'InternalError', RequestId: expect.any(String) });
    expect(answer.headers.get('x-oss-request-id')).toBeTruthy();
    expect(await sandbox.context.store.hasObject(sandbox.descriptor.aliyun.bucket, 'full/oss.bin')).toBe(
      false,
    );
    expect(leftovers()).toEqual([]);
  });

  it('stores again once the disk has room', async () => {
    const clients = aliyunClients(sandbox.descriptor);
    const answer = await clients.ossFetch('PUT', 'full/after.bin', {}, 'fits now');
    expect(answer.status).toBe(200);
    expect(
      (await sandbox.context.store.describe(sandbox.descriptor.aliyun.bucket, 'full/after.bin'))?.size,
    ).toBe(8);
  });
});
