import { type UploadCheckpoint, vodError } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { FakeXhr, useFakeXhr } from '../../tests/support/fake-xhr.js';
import { fastEnvironment } from '../../tests/support/test-transfer.js';
import { MemoryCheckpointStore } from './checkpoint-store.js';
import type { EndpointClient } from './endpoint-client.js';
import { FileUpload } from './file-upload.js';
import type { UploaderContext } from './file-uploader.js';
import type { MultipartProtocol } from './multipart-protocol.js';
import { ProgressReporter } from './progress-reporter.js';
import { resolveRetry } from './retry-options.js';
import type { UploadDriver } from './upload-driver.js';

const MiB = 1024 * 1024;
type Target = { key: string };

/** Every PUT stores its part at once, with an ETag. */
class StoringXhr extends FakeXhr {
  send(): void {
    setTimeout(() => {
      if (!this.aborted) this.answer(200);
    }, 1);
  }
}
useFakeXhr(StoringXhr);

interface FileOptions {
  /** The plugin's part size (undefined: the transfer policy's). */
  partSize?: number;
  /** The checkpoint's part size. */
  savedPartSize?: number;
  /** The plugin's `checkpointScope` now, and the one the checkpoint was written under. */
  scope?: string;
  savedScope?: string;
  /** What finishing the resumed session answers (default: its key). */
  finishResumed?: () => Promise<{ provider: 's3'; id: string }>;
  /** The driver asks `/session/check` before a resumed session's first byte; this answers it. */
  checkSession?: (route: string, body: unknown) => Promise<unknown>;
}

/** A 40 MiB file (multipart: it can have a checkpoint) whose checkpoint holds upload `U-OLD`. */
async function resumableFile(options: FileOptions = {}) {
  const data = new File([new Uint8Array(40 * MiB)], 'clip.mp4', { lastModified: 1 });
  const store = new MemoryCheckpointStore();
  const aborted: string[] = [];
  const calls: string[] = [];
  const warnings: string[] = [];
  const protocol: MultipartProtocol = {
    provider: 's3',
    signPut: async () => ({ url: 'put' }),
    create: async () => 'U-NEW',
    listParts: async () => [],
    signPart: async (uploadId, n) => {
      calls.push(`sign ${uploadId} ${n}`);
      return { url: 'part' };
    },
    complete: async () => ({}),
    abort: async (uploadId) => {
      aborted.push(uploadId);
      return true;
    },
  };
  const driver: UploadDriver<Target> = {
    provider: 's3',
    minPartSize: 5 * MiB,
    onExpiry: 'refresh',
    checksOwnerOnResume: options.checkSession !== undefined,
    apply: async () => {
      calls.push('apply');
      return {
        target: { key: 'videos/new.mp4' },
        ticket: 'ticket-new',
        media: protocol,
        finish: async () => ({ provider: 's3', id: 'videos/new.mp4' }),
      };
    },
    resume: (ctx, target, ticket) => {
      calls.push(`resume ${ctx.partSize}`);
      return {
        target,
        ticket,
        media: protocol,
        finish: options.finishResumed ?? (async () => ({ provider: 's3', id: target.key })),
      };
    },
  };
  const context: UploaderContext = {
    file: { name: data.name, type: data.type, meta: { name: data.name, type: data.type } },
    data,
    client: {
      now: () => Date.now(),
      postIfRouted: async (route: string, body: unknown) => {
        calls.push(`post ${route}`);
        return options.checkSession?.(route, body);
      },
    } as unknown as EndpointClient,
    settings: {
      endpoint: '/api/vod',
      partSize: 'partSize' in options ? options.partSize : 8 * MiB,
      concurrency: 3,
      retry: resolveRetry({}),
      env: fastEnvironment,
      checkpoints: store,
      verifyIntegrity: false,
      ...(options.scope === undefined ? {} : { checkpointScope: options.scope }),
    },
    progress: new ProgressReporter(data.size, () => {}, fastEnvironment),
    warn: (warning) => warnings.push(warning.code),
    measuredSpeed: () => 0,
  };
  const upload = new FileUpload(context, driver);
  const now = Date.now();
  const keyOf = (u: FileUpload<Target>) => (u as unknown as { checkpoint: { key: string } }).checkpoint.key;
  // The checkpoint as the page wrote it, under the scope it had then.
  const writer = new FileUpload(
    { ...context, settings: { ...context.settings, checkpointScope: options.savedScope } },
    driver,
  );
  const key = keyOf(writer);
  const fingerprint = key.split('|').at(-1) ?? '';
  const endpoint = '/api/vod';
  const checkpoint: UploadCheckpoint<Target> = {
    version: 1,
    provider: 's3',
    endpoint,
    fingerprint,
    target: { key: 'videos/clip.mp4' },
    uploadId: 'U-OLD',
    ticket: 'ticket',
    partSize: options.savedPartSize ?? 8 * MiB,
    doneParts: [],
    createdAt: now,
    expiresAt: now + 3_600_000,
  };
  await store.put(key, checkpoint);
  return { upload, store, key, aborted, calls, warnings };
}

describe('FileUpload', () => {
  it('a cancel while the checkpoint is still being opened aborts its multipart upload and leaves no checkpoint', async () => {
    const { upload, store, key, aborted } = await resumableFile();
    const controller = new AbortController();
    const running = upload.run(controller.signal).catch((error: unknown) => error);
    // The plugin's cancel: the attempt's signal aborts, then the uploader cancels.
    controller.abort();
    const abortedOnBucket = await upload.cancel();
    expect(await running).toMatchObject({ code: 'aborted' });
    await new Promise((done) => setTimeout(done, 10)); // any late checkpoint write lands
    expect(abortedOnBucket).toBe(true);
    expect(aborted).toEqual(['U-OLD']);
    expect(await store.get(key)).toBeUndefined();
  });

  it("ownership: a checkpoint another sign-in left (its ticket another caller's) is left alone, and the file goes anew as this user's", async () => {
    const { upload, aborted, calls, warnings } = await resumableFile({
      savedPartSize: 10 * MiB,
      finishResumed: async () => {
        throw vodError('forbidden', 'ticket: belongs to another caller', { field: 'ticket' });
      },
    });
    const result = await upload.run(new AbortController().signal);
    expect(result).toMatchObject({ id: 'videos/new.mp4' });
    expect(calls.filter((c) => !c.startsWith('sign'))).toEqual([`resume ${10 * MiB}`, 'apply']);
    // The new application plans its own parts (8 MiB), not the dropped checkpoint's (10 MiB).
    expect(calls.filter((c) => c.startsWith('sign U-NEW'))).toHaveLength(5);
    expect(aborted).toEqual([]);
    expect(warnings).toEqual(['checkpoint_not_yours']);
  });

  it("ownership: a resumed session holding its own credential asks the endpoint first; another sign-in's sends no byte into it", async () => {
    const asked: unknown[] = [];
    const { upload, aborted, calls, warnings } = await resumableFile({
      checkSession: async (_route, body) => {
        asked.push(body);
        throw vodError('forbidden', 'ticket: belongs to another caller', { field: 'ticket' });
      },
    });
    const result = await upload.run(new AbortController().signal);
    expect(result).toMatchObject({ id: 'videos/new.mp4' });
    expect(asked).toEqual([{ ticket: 'ticket' }]);
    // Before, the resumed session's parts went into U-OLD, the other caller's upload, until the finish.
    expect(calls.filter((c) => !c.startsWith('sign U-NEW'))).toEqual([
      'resume 8388608',
      'post /session/check',
      'apply',
    ]);
    expect(aborted).toEqual([]);
    expect(warnings).toEqual(['checkpoint_not_yours']);
  });

  it('ownership: a resumed session the endpoint confirms (or an endpoint without the route) continues its checkpoint', async () => {
    for (const answer of [{ result: { kind: 'video' } }, undefined]) {
      const { upload, calls } = await resumableFile({ checkSession: async () => answer });
      expect(await upload.run(new AbortController().signal)).toMatchObject({ id: 'videos/clip.mp4' });
      expect(calls.slice(0, 2)).toEqual(['resume 8388608', 'post /session/check']);
      expect(calls.filter((c) => c.startsWith('sign U-OLD'))).toHaveLength(5);
      expect(calls).not.toContain('apply');
    }
  });

  it('ownership: with a checkpointScope, a checkpoint written under another scope is not even read', async () => {
    for (const savedScope of [undefined, 'alice']) {
      const { upload, calls } = await resumableFile({ scope: 'bob', savedScope });
      await upload.run(new AbortController().signal);
      expect(calls[0], String(savedScope)).toBe('apply');
    }
    const { upload, calls } = await resumableFile({ scope: 'bob', savedScope: 'bob' });
    await upload.run(new AbortController().signal);
    expect(calls[0]).toBe('resume 8388608');
  });

  it('resumes a checkpoint in its own part size when the policy now picks another (the stored parts line up only with it)', async () => {
    const { upload, calls } = await resumableFile({ partSize: undefined, savedPartSize: 10 * MiB });
    await upload.run(new AbortController().signal);
    expect(calls[0]).toBe(`resume ${10 * MiB}`);
    expect(calls.filter((c) => c.startsWith('sign')).length).toBe(4);
  });
});
