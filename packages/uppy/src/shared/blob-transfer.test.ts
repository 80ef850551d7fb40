import { type CheckpointPart, vodError } from '@vod-uploader/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeXhr, useFakeXhr } from '../../tests/support/fake-xhr.js';
import { testTransfer } from '../../tests/support/test-transfer.js';
import type { MultipartProtocol } from './multipart-protocol.js';
import { resolveRetry } from './retry-options.js';

/** Every PUT the fake XMLHttpRequest answered: URL and body size. */
let sent: { url: string; size: number }[] = [];
/** Answers the next PUTs with these statuses (then 200). */
let statuses: number[] = [];
/** Called as each PUT is answered, before its load event: lets a test act at an exact point. */
let onAnswer: (() => void) | undefined;

/** Answers in two steps, as a browser does: half the body's progress, then the queued status. */
class SteppedXhr extends FakeXhr {
  send(body: Blob) {
    setTimeout(() => {
      if (this.aborted) return;
      this.upload.dispatchEvent(Object.assign(new Event('progress'), { loaded: body.size / 2 }));
      setTimeout(() => {
        if (this.aborted) return;
        sent.push({ url: this.url, size: body.size });
        onAnswer?.();
        this.answer(statuses.shift() ?? 200);
      }, 1);
    }, 1);
  }
}

useFakeXhr(SteppedXhr);
beforeEach(() => {
  sent = [];
  statuses = [];
  onAnswer = undefined;
});

/** A protocol that records its calls; `listed` is what ListParts returns (or a failure). */
function fakeProtocol(listed: CheckpointPart[] | 'gone' | 'down' | 'refused' = []) {
  const calls: string[] = [];
  let completed: CheckpointPart[] = [];
  const protocol: MultipartProtocol = {
    provider: 's3',
    signPut: async () => ({ url: 'put' }),
    create: async () => {
      calls.push('create');
      return 'new-upload';
    },
    listParts: async (uploadId) => {
      calls.push(`list ${uploadId}`);
      if (listed === 'gone') throw vodError('not_found', 'NoSuchUpload', { retryable: false });
      if (listed === 'down') throw vodError('cloud_unavailable', 'ServiceUnavailable');
      if (listed === 'refused') throw vodError('cloud_refused', 'AccessDenied', { retryable: false });
      return listed;
    },
    signPart: async (uploadId, n) => ({ url: `${uploadId}/${n}` }),
    complete: async (uploadId, parts) => {
      calls.push(`complete ${uploadId}`);
      completed = parts;
      return undefined;
    },
    abort: async (uploadId) => {
      calls.push(`abort ${uploadId}`);
      return true;
    },
  };
  return { protocol, calls, completed: () => completed };
}

const blob = new Blob([new Uint8Array(10 * 100)]);

function transfer(protocol: MultipartProtocol, resume?: { uploadId: string; parts: CheckpointPart[] }) {
  const stored: CheckpointPart[][] = [];
  const t = testTransfer(blob, protocol, {
    retry: resolveRetry({ retries: 2, baseDelayMs: 1 }),
    resume,
    onPartStored: (parts) => {
      stored.push(parts);
    },
  });
  return { t, stored };
}

describe('BlobTransfer', () => {
  it('sends a file no larger than a part in one PUT', async () => {
    const { protocol, calls } = fakeProtocol();
    const small = new Blob([new Uint8Array(100)]);
    await testTransfer(small, protocol).run(new AbortController().signal);
    expect(sent).toEqual([{ url: 'put', size: 100 }]);
    expect(calls).toEqual([]);
  });

  it('sends every part once and completes with all of them in order', async () => {
    const { protocol, calls, completed } = fakeProtocol();
    const { t, stored } = transfer(protocol);
    await t.run(new AbortController().signal);
    expect(calls).toEqual(['create', 'complete new-upload']);
    expect(sent.map((s) => s.url).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `new-upload/${i + 1}`).sort(),
    );
    expect(completed().map((p) => p.partNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(stored.at(-1)).toHaveLength(10);
  });

  it('signs one round ahead: each part signed once, parts 4-6 before any PUT has ended', async () => {
    const { protocol } = fakeProtocol();
    const putsEndedWhenSigned = new Map<number, number>();
    protocol.signPart = async (uploadId, n) => {
      expect(putsEndedWhenSigned.has(n)).toBe(false);
      putsEndedWhenSigned.set(n, sent.length);
      return { url: `${uploadId}/${n}` };
    };
    const { t } = transfer(protocol);
    await t.run(new AbortController().signal);
    expect([...putsEndedWhenSigned.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // 3 in flight: parts 1-3 are signed as they start, 4-6 ahead of them.
    expect([4, 5, 6].map((n) => putsEndedWhenSigned.get(n))).toEqual([0, 0, 0]);
  });

  it('signs ahead for the lanes the controller may add: with 6 allowed and 3 running, parts 2-7 before any PUT has ended', async () => {
    const { protocol } = fakeProtocol();
    const putsEndedWhenSigned = new Map<number, number>();
    protocol.signPart = async (uploadId, n) => {
      expect(putsEndedWhenSigned.has(n)).toBe(false); // each part signed once
      putsEndedWhenSigned.set(n, sent.length);
      return { url: `${uploadId}/${n}` };
    };
    const t = testTransfer(blob, protocol, { concurrency: 6, retry: resolveRetry({ retries: 0 }) });
    await t.run(new AbortController().signal);
    expect(putsEndedWhenSigned.size).toBe(10);
    expect([2, 3, 4, 5, 6, 7].map((n) => putsEndedWhenSigned.get(n))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('does not hold the next part until the checkpoint write ends', async () => {
    const { protocol, completed } = fakeProtocol();
    const t = testTransfer(blob, protocol, {
      concurrency: 1,
      retry: resolveRetry({ retries: 0 }),
      onPartStored: () => new Promise<void>(() => {}), // IndexedDB that never answers
    });
    await t.run(new AbortController().signal);
    expect(completed()).toHaveLength(10);
  });

  it('retries a part answered 503 and still completes', async () => {
    statuses = [503, 500];
    const { protocol, completed } = fakeProtocol();
    const { t } = transfer(protocol);
    await t.run(new AbortController().signal);
    expect(sent).toHaveLength(12);
    expect(completed()).toHaveLength(10);
  });

  it('resumes from what ListParts shows, not from the checkpoint, and re-sends only missing parts', async () => {
    // The checkpoint knows parts 1-3; the bucket also has 4 (stored before the checkpoint was
    // written) but its part 3 is short (a torn upload), so 3 goes again.
    const listed = [
      { partNumber: 1, etag: '"1"', size: 100 },
      { partNumber: 2, etag: '"2"', size: 100 },
      { partNumber: 3, etag: '"3"', size: 50 },
      { partNumber: 4, etag: '"4"', size: 100 },
    ];
    const { protocol, calls, completed } = fakeProtocol(listed);
    const { t } = transfer(protocol, { uploadId: 'old', parts: listed.slice(0, 3) });
    await t.run(new AbortController().signal);
    expect(calls).toEqual(['list old', 'complete old']);
    expect(sent.map((s) => s.url).sort()).toEqual([
      'old/10',
      'old/3',
      'old/5',
      'old/6',
      'old/7',
      'old/8',
      'old/9',
    ]);
    expect(completed().find((p) => p.partNumber === 4)?.etag).toBe('"4"');
  });

  it('starts a new upload when the checkpointed one is gone', async () => {
    const { protocol, calls } = fakeProtocol('gone');
    const { t } = transfer(protocol, { uploadId: 'old', parts: [{ partNumber: 1, etag: 'x', size: 100 }] });
    await t.run(new AbortController().signal);
    expect(calls).toEqual(['list old', 'create', 'complete new-upload']);
    expect(sent).toHaveLength(10);
  });

  it('fails retryably, keeping its upload and parts, when ListParts is down past the retries; nothing is re-sent', async () => {
    const { protocol, calls } = fakeProtocol('down');
    const resume = { uploadId: 'old', parts: [{ partNumber: 1, etag: 'x', size: 100 }] };
    const { t } = transfer(protocol, resume);
    const error = await t.run(new AbortController().signal).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'cloud_unavailable', retryable: true });
    expect(calls.filter((c) => c !== 'list old')).toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it('starts a new upload when ListParts is refused, aborting the old one (best effort)', async () => {
    const { protocol, calls } = fakeProtocol('refused');
    const { t } = transfer(protocol, { uploadId: 'old', parts: [{ partNumber: 1, etag: 'x', size: 100 }] });
    await t.run(new AbortController().signal);
    expect(calls).toEqual(['list old', 'abort old', 'create', 'complete new-upload']);
  });

  it('aborts an upload whose creation was still in flight when it was cancelled', async () => {
    const { protocol } = fakeProtocol();
    let release: (id: string) => void = () => {};
    const aborted: string[] = [];
    protocol.create = () => new Promise((resolve) => (release = resolve));
    protocol.abort = async (uploadId) => {
      aborted.push(uploadId);
      return true;
    };
    const { t } = transfer(protocol);
    const controller = new AbortController();
    const running = t.run(controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const cancelling = t.abortRemote();
    release('late-upload');
    await expect(cancelling).resolves.toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'aborted' });
    expect(aborted).toEqual(['late-upload']);
    expect(sent).toEqual([]);
  });

  it('continues after a pause from the parts already stored', async () => {
    // The bucket: after the pause, ListParts answers with the parts that were stored.
    const bucket: CheckpointPart[] = [];
    const { protocol, calls } = fakeProtocol(bucket);
    const { t } = transfer(protocol);
    const pause = new AbortController();
    // Paused as the third part is answered (not after a fixed time: a loaded machine answers none or all).
    onAnswer = () => {
      if (sent.length === 3) pause.abort();
    };
    const first = t.run(pause.signal);
    await expect(first).rejects.toMatchObject({ code: 'aborted' });
    const before = t.storedParts().length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(10);
    bucket.push(...t.storedParts());
    sent = [];
    await t.run(new AbortController().signal);
    expect(sent).toHaveLength(10 - before);
    expect(calls.filter((c) => c.startsWith('list '))).toHaveLength(1);
  });
});
