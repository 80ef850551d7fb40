import { type CheckpointPart, type VodUploadError, vodError } from '@vod-uploader/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeXhr, useFakeXhr } from '../../tests/support/fake-xhr.js';
import { testTransfer } from '../../tests/support/test-transfer.js';
import { computeChecksum } from './compute-checksum.js';
import type { CompleteAnswer, MultipartProtocol } from './multipart-protocol.js';
import { resolveRetry } from './retry-options.js';
import type { VodWarning } from './vod-events.js';

const HEADER = 'x-cos-hash-crc64ecma';

/** Every PUT received: URL. The answer carries the CRC64 of the body, unless told otherwise. */
let sent: string[] = [];
/** URLs whose next answer carries a wrong CRC (once per entry). */
let damaged: string[] = [];
let answerCrc = true;
/** URLs whose next PUT is refused as S3 refuses a body that does not match its signed checksum. */
let refused: string[] = [];
/** URLs whose next PUT is refused as COS refuses a no-overwrite PUT on a key that holds an object. */
let taken: string[] = [];
/** The headers of every PUT, by URL (the last one sent). */
let headersOf: Record<string, Record<string, string>> = {};

/** Answers with the body's CRC64 (or a damaged one), or refuses the PUT as S3 refuses a bad checksum. */
class ChecksummingXhr extends FakeXhr {
  private crc: string | undefined;
  override getResponseHeader(name: string) {
    if (name.toLowerCase() === HEADER) return answerCrc ? (this.crc ?? null) : null;
    return super.getResponseHeader(name);
  }
  send(body: Blob) {
    headersOf[this.url] = this.headers;
    const r = refused.indexOf(this.url);
    if (r >= 0) {
      refused.splice(r, 1);
      setTimeout(() => {
        sent.push(this.url);
        this.answer(
          400,
          '<Error><Code>BadDigest</Code><Message>The CRC32C you specified did not match.</Message></Error>',
        );
      }, 1);
      return;
    }
    const k = taken.indexOf(this.url);
    if (k >= 0) {
      taken.splice(k, 1);
      setTimeout(() => {
        sent.push(this.url);
        this.answer(409, '<Error><Code>FileAlreadyExists</Code><Message>exists</Message></Error>');
      }, 1);
      return;
    }
    void computeChecksum(body, 'crc64ecma').then((crc) => {
      const i = damaged.indexOf(this.url);
      if (i >= 0) damaged.splice(i, 1);
      this.crc = i >= 0 ? String(BigInt(crc) ^ 1n) : crc;
      sent.push(this.url);
      this.answer(200);
    });
  }
}

useFakeXhr(ChecksummingXhr);
beforeEach(() => {
  sent = [];
  damaged = [];
  refused = [];
  taken = [];
  headersOf = {};
  answerCrc = true;
});

const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) % 251);
const blob = new Blob([bytes]);

/** A COS-like protocol (CRC64 answers); Complete answers `objectCrc` (the true one by default). */
function cosLike(
  options: { listed?: CheckpointPart[]; objectCrc?: (truth: string) => string | undefined } = {},
) {
  const calls: string[] = [];
  const protocol: MultipartProtocol = {
    provider: 'tencent',
    integrity: { algorithm: 'crc64ecma', answerHeader: HEADER },
    signPut: async () => ({ url: 'put' }),
    create: async () => {
      calls.push('create');
      return `upload-${calls.length}`;
    },
    listParts: async () => options.listed ?? [],
    signPart: async (uploadId, n) => ({ url: `${uploadId}/${n}` }),
    complete: async (uploadId): Promise<CompleteAnswer> => {
      calls.push(`complete ${uploadId}`);
      const truth = await computeChecksum(blob, 'crc64ecma');
      return { checksum: options.objectCrc ? options.objectCrc(truth) : truth };
    },
    abort: async () => true,
    deleteObject: async () => {
      calls.push('delete');
      return true;
    },
  };
  return { protocol, calls };
}

function transfer(protocol: MultipartProtocol, resume?: { uploadId: string; parts: CheckpointPart[] }) {
  const warnings: VodWarning[] = [];
  const resent: number[] = [];
  const t = testTransfer(blob, protocol, {
    retry: resolveRetry({ retries: 2, baseDelayMs: 1 }),
    resume,
    checksum: computeChecksum,
    integrity: { warn: (w) => warnings.push(w), onPartResent: (n) => resent.push(n) },
  });
  return { t, warnings, resent };
}

async function partCrc(n: number): Promise<string> {
  return computeChecksum(blob.slice((n - 1) * 100, n * 100), 'crc64ecma');
}

const signal = () => new AbortController().signal;

describe('BlobTransfer integrity (CRC64)', () => {
  it('re-sends a part whose answered CRC differs, counts it, and proves the object', async () => {
    damaged = ['upload-1/3', 'upload-1/7'];
    const { protocol, calls } = cosLike();
    const { t, resent } = transfer(protocol);
    await t.run(signal());
    expect(sent.filter((u) => u === 'upload-1/3')).toHaveLength(2);
    expect(sent).toHaveLength(12);
    expect(resent.sort()).toEqual([3, 7]);
    expect(t.resentParts).toBe(2);
    expect(calls).toEqual(['create', 'complete upload-1']);
    expect(t.checksum).toEqual({ algorithm: 'crc64ecma', value: await computeChecksum(blob, 'crc64ecma') });
    expect(t.storedParts()[2]?.checksum).toBe(await partCrc(3));
  });

  it('fails with integrity_failed after a part arrived damaged 4 times', async () => {
    damaged = ['upload-1/2', 'upload-1/2', 'upload-1/2', 'upload-1/2'];
    const { protocol, calls } = cosLike();
    const error = (await transfer(protocol)
      .t.run(signal())
      .catch((e) => e)) as VodUploadError;
    expect(error.code).toBe('integrity_failed');
    expect(sent.filter((u) => u === 'upload-1/2')).toHaveLength(4);
    expect(calls).not.toContain('complete upload-1');
  });

  it("fails with integrity_failed when Complete's CRC is not the parts' combined one, deletes the object, and a retry starts anew", async () => {
    let corrupt = true;
    const { protocol, calls } = cosLike({
      objectCrc: (truth) => (corrupt ? String(BigInt(truth) ^ 0x10n) : truth),
    });
    const { t } = transfer(protocol);
    const error = (await t.run(signal()).catch((e) => e)) as VodUploadError;
    expect(error.code).toBe('integrity_failed');
    expect(t.checksum).toBeUndefined();
    expect(calls).toEqual(['create', 'complete upload-1', 'delete']);
    corrupt = false;
    await t.run(signal());
    expect(calls.slice(3)).toEqual(['create', 'complete upload-4']);
    expect(t.checksum?.value).toBe(await computeChecksum(blob, 'crc64ecma'));
  });

  it("answers a Complete that found its upload gone (its first answer lost) from the stored object, only when its CRC is the parts' combined one", async () => {
    const truth = await computeChecksum(blob, 'crc64ecma');
    const gone = vodError('not_found', 'Completing the multipart upload failed: the upload is gone.', {
      provider: 'tencent',
      cloudCode: 'NoSuchUpload',
    });
    const { protocol, calls } = cosLike();
    protocol.complete = async (uploadId) => {
      calls.push(`complete ${uploadId}`);
      throw gone;
    };
    let stored = truth;
    protocol.storedObject = async () => {
      calls.push('head');
      return { status: 200, etag: undefined, body: '', header: (n) => (n === HEADER ? stored : undefined) };
    };
    const { t } = transfer(protocol);
    await t.run(signal());
    expect(calls).toEqual(['create', 'complete upload-1', 'head']);
    expect(t.checksum).toEqual({ algorithm: 'crc64ecma', value: truth });

    // Another object under the key: the upload being gone stands, and nothing is taken for the file.
    stored = String(BigInt(truth) ^ 1n);
    const again = transfer(protocol).t;
    const error = (await again.run(signal()).catch((e) => e)) as VodUploadError;
    expect(error).toBe(gone);
    expect(again.checksum).toBeUndefined();
  });

  it('warns once and goes on unverified when the bucket answers no CRC', async () => {
    answerCrc = false;
    const { protocol } = cosLike({ objectCrc: () => undefined });
    const { t, warnings } = transfer(protocol);
    await t.run(signal());
    expect(warnings.map((w) => w.code)).toEqual(['integrity_unverified']);
    expect(t.checksum).toBeUndefined();
  });

  it('checks a single PUT by its answer and re-sends it when damaged', async () => {
    damaged = ['put'];
    const { protocol } = cosLike();
    const small = new Blob([bytes.subarray(0, 100)]);
    const t = testTransfer(small, protocol, {
      concurrency: 1,
      checksum: computeChecksum,
    });
    await t.run(signal());
    expect(sent).toEqual(['put', 'put']);
    expect(t.checksum?.value).toBe(await computeChecksum(small, 'crc64ecma'));
  });

  it('proves a single PUT refused as key taken (its first copy unheard) by the stored object, then re-sends one that is not the file', async () => {
    const small = new Blob([bytes.subarray(0, 100)]);
    const truth = await computeChecksum(small, 'crc64ecma');
    const { protocol } = cosLike();
    let stored = truth;
    const heads: string[] = [];
    protocol.storedObject = async () => {
      heads.push(stored);
      return { status: 200, etag: undefined, body: '', header: (n) => (n === HEADER ? stored : undefined) };
    };
    const run = () => testTransfer(small, protocol, { concurrency: 1, checksum: computeChecksum });

    taken = ['put'];
    const first = run();
    await first.run(signal());
    expect(sent).toEqual(['put']);
    expect(heads).toEqual([truth]);
    expect(first.checksum).toEqual({ algorithm: 'crc64ecma', value: truth });

    // Another body holds the key: it is not taken for the file, the PUT is sent again (and counted).
    sent = [];
    taken = ['put'];
    stored = String(BigInt(truth) ^ 1n);
    const second = run();
    await second.run(signal());
    expect(sent).toEqual(['put', 'put']);
    expect(second.resentParts).toBe(1);
    expect(second.checksum?.value).toBe(truth);
  });

  it('fails a single PUT refused as key taken where the protocol cannot read what is stored', async () => {
    const small = new Blob([bytes.subarray(0, 100)]);
    const { protocol } = cosLike();
    taken = ['put'];
    const error = (await testTransfer(small, protocol, { concurrency: 1, checksum: computeChecksum })
      .run(signal())
      .catch((e) => e)) as VodUploadError;
    expect(error).toMatchObject({ code: 'cloud_refused', cloudCode: 'FileAlreadyExists' });
  });

  it('reports no checksum for a single PUT whose answer carried none (unverified, warned)', async () => {
    answerCrc = false;
    const { protocol } = cosLike();
    const small = new Blob([bytes.subarray(0, 100)]);
    const warnings: VodWarning[] = [];
    const t = testTransfer(small, protocol, {
      concurrency: 1,
      checksum: computeChecksum,
      integrity: { warn: (w) => warnings.push(w) },
    });
    await t.run(signal());
    expect(sent).toEqual(['put']);
    expect(warnings.map((w) => w.code)).toEqual(['integrity_unverified']);
    expect(t.checksum).toBeUndefined();
  });

  it('after a reload trusts a listed part only when its listed CRC is the file’s (OSS, S3)', async () => {
    const listed: CheckpointPart[] = [];
    for (const n of [1, 2, 3])
      listed.push({ partNumber: n, etag: `"e${n}"`, size: 100, checksum: await partCrc(n) });
    (listed[1] as CheckpointPart).checksum = '12345'; // part 2 holds other bytes
    const { protocol } = cosLike({ listed });
    const { t } = transfer(protocol, { uploadId: 'old', parts: [] });
    await t.run(signal());
    expect(sent.sort()).toEqual(['old/10', 'old/2', 'old/4', 'old/5', 'old/6', 'old/7', 'old/8', 'old/9']);
    expect(t.checksum?.value).toBe(await computeChecksum(blob, 'crc64ecma'));
  });

  it('where ListParts lists no CRC (COS), trusts only parts the checkpoint verified with the same ETag', async () => {
    const listed: CheckpointPart[] = [1, 2, 3].map((n) => ({ partNumber: n, etag: `"e${n}"`, size: 100 }));
    const recorded: CheckpointPart[] = [
      { partNumber: 1, etag: '"e1"', size: 100, checksum: await partCrc(1) },
      { partNumber: 2, etag: '"other"', size: 100, checksum: await partCrc(2) },
    ];
    const { protocol } = cosLike({ listed });
    const { t } = transfer(protocol, { uploadId: 'old', parts: recorded });
    await t.run(signal());
    expect(sent).not.toContain('old/1');
    expect(sent).toContain('old/2');
    expect(sent).toContain('old/3');
    expect(t.checksum?.value).toBe(await computeChecksum(blob, 'crc64ecma'));
  });
  it('where ListParts lists no CRC (COS), trusts a part stored unheard when its ETag is the MD5 of the slice', async () => {
    const md5Of = (n: number) => computeChecksum(blob.slice((n - 1) * 100, n * 100), 'md5');
    // Part 1: stored while the client was not listening (no checkpoint entry), its true MD5 as ETag.
    // Part 2: an ETag that is the MD5 of other bytes (part 3's). Part 3: an ETag that is no MD5.
    const listed: CheckpointPart[] = [
      { partNumber: 1, etag: `"${await md5Of(1)}"`, size: 100 },
      { partNumber: 2, etag: `"${await md5Of(3)}"`, size: 100 },
      { partNumber: 3, etag: '"e3-2"', size: 100 },
    ];
    const { protocol } = cosLike({ listed });
    const { t } = transfer(protocol, { uploadId: 'old', parts: [] });
    await t.run(signal());
    expect(sent).not.toContain('old/1');
    expect(sent).toContain('old/2');
    expect(sent).toContain('old/3');
    expect(t.checksum?.value).toBe(await computeChecksum(blob, 'crc64ecma'));
  });
});

describe('BlobTransfer integrity (S3 CRC32C, signed with the request)', () => {
  function s3Like() {
    const completed: CheckpointPart[][] = [];
    const protocol: MultipartProtocol = {
      provider: 's3',
      integrity: { algorithm: 'crc32c', sentWithRequest: true },
      signPut: async (_size, _signal, checksum) => ({
        url: 'put',
        headers: { 'x-amz-checksum-crc32c': checksum ?? '' },
      }),
      create: async () => 'up',
      listParts: async () => [],
      signPart: async (uploadId, n, _size, _signal, checksum) => ({
        url: `${uploadId}/${n}`,
        headers: { 'x-amz-checksum-crc32c': checksum ?? '' },
      }),
      complete: async (_id, parts) => {
        completed.push(parts);
        const joined = new Uint8Array(parts.length * 4);
        parts.forEach((p, i) => {
          joined.set(
            Uint8Array.from(atob(p.checksum ?? ''), (c) => c.charCodeAt(0)),
            i * 4,
          );
        });
        return { checksum: `${await computeChecksum(new Blob([joined]), 'crc32c')}-${parts.length}` };
      },
      abort: async () => true,
    };
    return { protocol, completed };
  }

  it("signs each part with its CRC32C, re-sends a part S3 refused with BadDigest, and proves the object's composite checksum", async () => {
    refused = ['up/4'];
    const { protocol, completed } = s3Like();
    const { t, resent } = transfer(protocol);
    await t.run(signal());
    expect(headersOf['up/2']?.['x-amz-checksum-crc32c']).toBe(
      await computeChecksum(blob.slice(100, 200), 'crc32c'),
    );
    expect(sent.filter((u) => u === 'up/4')).toHaveLength(2);
    expect(resent).toEqual([4]);
    expect(completed[0]?.map((p) => p.checksum)).toHaveLength(10);
    expect(t.checksum).toMatchObject({
      algorithm: 'crc32c',
      value: expect.stringMatching(/^[A-Za-z0-9+/]{6}==-10$/),
    });
  });
});
