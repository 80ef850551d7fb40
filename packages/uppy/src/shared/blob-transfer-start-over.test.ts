import { type CheckpointPart, type VodUploadError, vodError } from '@vod-uploader/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeXhr, useFakeXhr } from '../../tests/support/fake-xhr.js';
import { fastEnvironment, testTransfer } from '../../tests/support/test-transfer.js';
import { computeChecksum } from './compute-checksum.js';
import type { CompleteAnswer, MultipartProtocol } from './multipart-protocol.js';
import { ProgressReporter } from './progress-reporter.js';
import { resolveRetry } from './retry-options.js';

const HEADER = 'x-cos-hash-crc64ecma';

/** Every part PUT received, by URL. */
let sent: string[] = [];

/** Stores every part and answers its CRC64, as COS does. */
class CrcXhr extends FakeXhr {
  private crc: string | undefined;
  override getResponseHeader(name: string) {
    return name.toLowerCase() === HEADER ? (this.crc ?? null) : super.getResponseHeader(name);
  }
  send(body: Blob) {
    void computeChecksum(body, 'crc64ecma').then((crc) => {
      this.crc = crc;
      sent.push(this.url);
      this.answer(200);
    });
  }
}

useFakeXhr(CrcXhr);
beforeEach(() => {
  sent = [];
});

const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) % 251);
const blob = new Blob([bytes]);
const objectCrc = () => computeChecksum(blob, 'crc64ecma');
const signal = () => new AbortController().signal;
const gone = () =>
  vodError('not_found', 'The multipart upload is gone.', { provider: 'tencent', cloudCode: 'NoSuchUpload' });

/** A COS-like protocol that logs its calls; each test replaces the steps it is about. */
function cosLike(): { protocol: MultipartProtocol; calls: string[] } {
  const calls: string[] = [];
  const protocol: MultipartProtocol = {
    provider: 'tencent',
    integrity: { algorithm: 'crc64ecma', answerHeader: HEADER },
    signPut: async () => ({ url: 'put' }),
    create: async () => {
      calls.push('create');
      return `upload-${calls.length}`;
    },
    listParts: async (uploadId) => {
      calls.push(`list ${uploadId}`);
      return [];
    },
    signPart: async (uploadId, n) => ({ url: `${uploadId}/${n}` }),
    complete: async (uploadId): Promise<CompleteAnswer> => {
      calls.push(`complete ${uploadId}`);
      return { checksum: await objectCrc() };
    },
    abort: async () => true,
    deleteObject: async () => true,
  };
  return { protocol, calls };
}

/** Every part of the file as a checkpoint records it after the last part was stored. */
async function everyPart(): Promise<CheckpointPart[]> {
  const parts: CheckpointPart[] = [];
  for (let n = 1; n <= 10; n++) {
    const checksum = await computeChecksum(blob.slice((n - 1) * 100, n * 100), 'crc64ecma');
    parts.push({ partNumber: n, etag: `"e${n}"`, size: 100, checksum });
  }
  return parts;
}

/** A transfer whose progress reports are kept, in order. */
function reported(protocol: MultipartProtocol, resume?: { uploadId: string; parts: CheckpointPart[] }) {
  const bytes: number[] = [];
  const progress = new ProgressReporter(blob.size, (p) => bytes.push(p.bytesUploaded), fastEnvironment);
  const transfer = testTransfer(blob, protocol, {
    progress,
    resume,
    checksum: computeChecksum,
    retry: resolveRetry({ retries: 2, baseDelayMs: 1 }),
  });
  return { transfer, progress, bytes };
}

describe('BlobTransfer starting over', () => {
  it('after integrity_failed, the retry counts its progress from 0 again, not from the 100 % of the failed object', async () => {
    let corrupt = true;
    const { protocol, calls } = cosLike();
    protocol.complete = async (uploadId) => {
      calls.push(`complete ${uploadId}`);
      const truth = await objectCrc();
      return { checksum: corrupt ? String(BigInt(truth) ^ 1n) : truth };
    };
    const atCreate: number[] = [];
    const { transfer, progress } = reported(protocol);
    const create = protocol.create;
    protocol.create = (s) => {
      atCreate.push(progress.report().bytesUploaded);
      return create(s);
    };
    const error = (await transfer.run(signal()).catch((e) => e)) as VodUploadError;
    expect(error.code).toBe('integrity_failed');
    expect(progress.report().bytesUploaded).toBe(1000);
    corrupt = false;
    sent = [];
    await transfer.run(signal());
    expect(sent).toHaveLength(10);
    expect(atCreate).toEqual([0, 0]);
    expect(progress.report().bytesUploaded).toBe(1000);
  });

  it('a resumed upload that ListParts finds gone with every part on record asks Complete again and takes the object it made (its answer was lost)', async () => {
    const { protocol, calls } = cosLike();
    protocol.listParts = async (uploadId) => {
      calls.push(`list ${uploadId}`);
      throw gone();
    };
    protocol.complete = async (uploadId) => {
      calls.push(`complete ${uploadId}`);
      throw gone();
    };
    const truth = await objectCrc();
    protocol.storedObject = async () => {
      calls.push('head');
      return { status: 200, etag: undefined, body: '', header: (n) => (n === HEADER ? truth : undefined) };
    };
    const { transfer } = reported(protocol, { uploadId: 'done', parts: await everyPart() });
    await transfer.run(signal());
    expect(calls).toEqual(['list done', 'complete done', 'head']);
    expect(sent).toEqual([]);
    expect(transfer.checksum).toEqual({ algorithm: 'crc64ecma', value: truth });
  });

  it('starts a new upload when the gone upload had made no object of these parts', async () => {
    const { protocol, calls } = cosLike();
    protocol.listParts = async (uploadId) => {
      calls.push(`list ${uploadId}`);
      throw gone();
    };
    const complete = protocol.complete;
    protocol.complete = async (uploadId, parts, s) => {
      if (uploadId !== 'expired') return complete(uploadId, parts, s);
      calls.push(`complete ${uploadId}`);
      throw gone();
    };
    protocol.storedObject = async () => {
      calls.push('head');
      return { status: 200, etag: undefined, body: '', header: () => '12345' };
    };
    const { transfer, progress, bytes } = reported(protocol, {
      uploadId: 'expired',
      parts: await everyPart(),
    });
    const create = protocol.create;
    let atCreate: number | undefined;
    protocol.create = (s) => {
      atCreate = progress.report().bytesUploaded;
      return create(s);
    };
    await transfer.run(signal());
    expect(calls).toEqual(['list expired', 'complete expired', 'head', 'create', 'complete upload-4']);
    expect(sent).toHaveLength(10);
    // The bar said 100 % while the parts on record were being completed, then went back to the truth.
    expect(bytes[0]).toBe(1000);
    expect(atCreate).toBe(0);
    expect(transfer.checksum?.value).toBe(await objectCrc());
  });

  it("a resumed upload's first report is the bytes already stored, with no 0 before it", async () => {
    const parts = (await everyPart()).slice(0, 9);
    const { protocol } = cosLike();
    protocol.listParts = async () => {
      await new Promise((done) => setTimeout(done, 450)); // two beats of the reporter
      return parts;
    };
    const { transfer, bytes } = reported(protocol, { uploadId: 'old', parts });
    await transfer.run(signal());
    expect(bytes[0]).toBe(900);
    expect(Math.min(...bytes)).toBe(900);
    expect(bytes.at(-1)).toBe(1000);
  });
});
