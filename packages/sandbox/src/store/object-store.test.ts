import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ObjectStore } from './object-store.js';

async function read(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function storeWithThreeParts() {
  const root = await mkdtemp(join(tmpdir(), 'object-store-'));
  const store = new ObjectStore(root);
  const parts = [randomBytes(1000), randomBytes(1000), randomBytes(321)];
  const upload = await store.initiateMultipart('b', 'k/v.mp4', { contentType: 'video/mp4' });
  const stored = [];
  for (const [i, part] of parts.entries())
    stored.push(await store.uploadPart(upload.uploadId, i + 1, Readable.from([part])));
  const meta = await store.completeMultipart(
    upload.uploadId,
    stored.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
    1000,
  );
  return { root, store, whole: Buffer.concat(parts), meta };
}

describe('ObjectStore multipart objects', () => {
  it('serves a completed upload whole and by ranges that cross part boundaries', async () => {
    const { store, whole, meta } = await storeWithThreeParts();
    expect(meta.size).toBe(2321);
    expect(meta.etag).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(await read((await store.getObject('b', 'k/v.mp4')).body)).toEqual(whole);
    for (const [start, end] of [
      [0, 0],
      [999, 1000],
      [500, 2100],
      [1000, 1999],
      [2000, 2320],
      [2320, 2320],
    ] as const) {
      const { body } = await store.getObject('b', 'k/v.mp4', { start, end });
      expect(await read(body)).toEqual(whole.subarray(start, end + 1));
    }
  });

  it('hashes the joined bytes once asked, and leaves no upload behind', async () => {
    const { root, store, whole } = await storeWithThreeParts();
    const sha256 = createHash('sha256').update(whole).digest('hex');
    expect(await store.describe('b', 'k/v.mp4')).toEqual({ size: whole.length, sha256 });
    expect(await store.listMultipartUploads('b')).toEqual([]);
    expect(await readdir(join(root, 'multipart'))).toEqual([]);
  });

  it('replaces a multipart object by a plain one and deletes it without leftovers', async () => {
    const { root, store } = await storeWithThreeParts();
    await store.putObject('b', 'k/v.mp4', Readable.from([Buffer.from('small')]));
    expect(await read((await store.getObject('b', 'k/v.mp4')).body)).toEqual(Buffer.from('small'));
    expect((await readdir(join(root, 'objects', 'b'))).filter((n) => n.endsWith('.parts'))).toEqual([]);
    await store.deleteObject('b', 'k/v.mp4');
    expect(await store.describe('b', 'k/v.mp4')).toBeUndefined();
    expect(await readdir(join(root, 'objects', 'b'))).toEqual([]);
  });
});
