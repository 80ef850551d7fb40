import type { UploadCheckpoint } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
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

/** A 40 MiB file (multipart: it can have a checkpoint) whose checkpoint holds upload `U-OLD`. */
async function resumableFile() {
  const data = new File([new Uint8Array(40 * MiB)], 'clip.mp4', { lastModified: 1 });
  const store = new MemoryCheckpointStore();
  const aborted: string[] = [];
  const protocol: MultipartProtocol = {
    provider: 's3',
    signPut: async () => ({ url: 'put' }),
    create: async () => 'U-NEW',
    listParts: async () => [],
    signPart: async () => ({ url: 'part' }),
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
    apply: async () => {
      throw new Error('a checkpoint is resumed: nothing is applied for');
    },
    resume: (_ctx, target, ticket) => ({
      target,
      ticket,
      media: protocol,
      finish: async () => ({ provider: 's3', id: target.key }),
    }),
  };
  const context: UploaderContext = {
    file: { name: data.name, type: data.type, meta: { name: data.name, type: data.type } },
    data,
    client: { now: () => Date.now() } as EndpointClient,
    settings: {
      endpoint: '/api/vod',
      partSize: 8 * MiB,
      concurrency: 3,
      retry: resolveRetry({}),
      env: fastEnvironment,
      checkpoints: store,
      verifyIntegrity: false,
    },
    progress: new ProgressReporter(data.size, () => {}, fastEnvironment),
    warn: () => {},
    measuredSpeed: () => 0,
  };
  const upload = new FileUpload(context, driver);
  const now = Date.now();
  const key = (upload as unknown as { checkpoint: { key: string } }).checkpoint.key;
  const [, endpoint = '', fingerprint = ''] = key.split('|');
  const checkpoint: UploadCheckpoint<Target> = {
    version: 1,
    provider: 's3',
    endpoint,
    fingerprint,
    target: { key: 'videos/clip.mp4' },
    uploadId: 'U-OLD',
    ticket: 'ticket',
    partSize: 8 * MiB,
    doneParts: [],
    createdAt: now,
    expiresAt: now + 3_600_000,
  };
  await store.put(key, checkpoint);
  return { upload, store, key, aborted };
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
});
