import Uppy, { type Body, type Meta } from '@uppy/core';
import { type VodUploadResult, vodError } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import type { VodPluginOptions } from '../vod-plugin-options.js';
import { MemoryCheckpointStore } from './checkpoint-store.js';
import { abortedError } from './environment.js';
import type { FileUploader, UploaderContext } from './file-uploader.js';
import type { UploadDriver } from './upload-driver.js';
import { VodPlugin } from './vod-plugin.js';

/** A scripted uploader: each `run` waits to be finished by the test, or for its signal. */
class FakeUploader implements FileUploader {
  runs = 0;
  running = 0;
  maxRunning = 0;
  cancelled = 0;
  finish: ((outcome: VodUploadResult | Error) => void) | undefined;

  constructor(readonly fileName: string) {}

  run(signal: AbortSignal): Promise<VodUploadResult> {
    this.runs += 1;
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    return new Promise<VodUploadResult>((resolve, reject) => {
      const done = (outcome: VodUploadResult | Error) => {
        // Stopping takes a moment, as real requests do.
        setTimeout(() => {
          this.running -= 1;
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        }, 5);
      };
      this.finish = done;
      signal.addEventListener('abort', () => done(abortedError()));
    });
  }

  async cancel(): Promise<boolean> {
    this.cancelled += 1;
    return true;
  }
}

class TestPlugin extends VodPlugin<VodPluginOptions, Meta, Body> {
  protected readonly provider = 's3' as const;
  readonly uploaders: FakeUploader[] = [];
  constructor(uppy: Uppy<Meta, Body>, opts: VodPluginOptions) {
    super(uppy, opts, 'VodTest');
  }
  protected loadDriver(): Promise<UploadDriver> {
    return Promise.reject(new Error('the test builds its own uploaders'));
  }
  protected override preload(): Promise<void> {
    return Promise.resolve();
  }
  protected override createUploader(context: UploaderContext): FileUploader {
    const uploader = new FakeUploader(context.file.name ?? '');
    this.uploaders.push(uploader);
    return uploader;
  }
}

function setup(limit?: number, options: Partial<VodPluginOptions> = {}) {
  const uppy = new Uppy<Meta, Body>();
  uppy.use(TestPlugin, {
    endpoint: '/api/vod',
    ...(limit === undefined ? {} : { limit }),
    checkpointStore: new MemoryCheckpointStore(),
    ...options,
  });
  const plugin = uppy.getPlugin('VodTest') as unknown as TestPlugin;
  const add = (name: string, bytes = 10) =>
    uppy.addFile({ name, type: 'video/mp4', data: new Blob([new Uint8Array(bytes)]) });
  return { uppy, plugin, add };
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('VodPlugin', () => {
  it('reports the uploader result typed (vod:uploaded) and as the response body', async () => {
    const { uppy, plugin, add } = setup();
    const id = add('a.mp4');
    const bodies: unknown[] = [];
    const typed: unknown[] = [];
    uppy.on('upload-success', (_file, response) => bodies.push(response.body));
    uppy.on('vod:uploaded', (file, result) => typed.push([file?.id, result]));
    const done = uppy.upload();
    await tick();
    plugin.uploaders[0]?.finish?.({ provider: 's3', id: 'key-a', url: 'http://x/key-a' });
    const result = await done;
    expect(result?.successful?.map((f) => f.id)).toEqual([id]);
    expect(bodies).toEqual([{ provider: 's3', id: 'key-a', url: 'http://x/key-a' }]);
    expect(typed).toEqual([[id, { provider: 's3', id: 'key-a', url: 'http://x/key-a' }]]);
  });

  it('never overlaps two attempts of a file, even on a quick pause and resume', async () => {
    const { uppy, plugin, add } = setup();
    const id = add('a.mp4');
    const done = uppy.upload();
    await tick();
    uppy.pauseResume(id);
    uppy.pauseResume(id);
    await tick();
    const uploader = plugin.uploaders[0] as FakeUploader;
    expect(uploader.runs).toBe(2);
    expect(uploader.maxRunning).toBe(1);
    uploader.finish?.({ provider: 's3', id: 'k' });
    expect((await done)?.successful).toHaveLength(1);
  });

  it('settles the upload and aborts on the bucket when a file is removed', async () => {
    const { uppy, plugin, add } = setup();
    const id = add('a.mp4');
    const cancelled: unknown[] = [];
    uppy.on('vod:cancelled', (fileID, outcome) => cancelled.push([fileID, outcome]));
    const done = uppy.upload();
    await tick();
    uppy.removeFile(id);
    await done;
    await tick();
    expect(plugin.uploaders[0]?.cancelled).toBe(1);
    expect(cancelled).toEqual([[id, { abortedOnBucket: true }]]);
  });

  it('reports a failure as upload-error and retries with the same uploader', async () => {
    const { uppy, plugin, add } = setup();
    const id = add('a.mp4');
    const errors: unknown[] = [];
    uppy.on('upload-error', (_file, error) => errors.push((error as { code?: string }).code));
    const done = uppy.upload();
    await tick();
    plugin.uploaders[0]?.finish?.(vodError('cloud_unavailable', 'part 3 kept failing'));
    expect((await done)?.failed).toHaveLength(1);
    expect(errors).toEqual(['cloud_unavailable']);

    const retried = uppy.retryUpload(id);
    await tick();
    expect(plugin.uploaders).toHaveLength(1);
    plugin.uploaders[0]?.finish?.({ provider: 's3', id: 'k' });
    expect((await retried)?.successful).toHaveLength(1);
    expect(plugin.uploaders[0]?.runs).toBe(2);
  });

  it('uploads at most `limit` files at once', async () => {
    const { uppy, plugin, add } = setup(1);
    add('a.mp4');
    add('b.mp4');
    const done = uppy.upload();
    await tick();
    expect(plugin.uploaders.map((u) => u.fileName)).toEqual(['a.mp4']);
    plugin.uploaders[0]?.finish?.({ provider: 's3', id: 'a' });
    await tick();
    expect(plugin.uploaders.map((u) => u.fileName)).toEqual(['a.mp4', 'b.mp4']);
    plugin.uploaders[1]?.finish?.({ provider: 's3', id: 'b' });
    expect((await done)?.successful).toHaveLength(2);
  });

  it('uploads six small files at once by default, two sent in parts, or one and three small, in order', async () => {
    const MiB = 2 ** 20;
    const { uppy, plugin, add } = setup(undefined, { partSize: MiB });
    for (const name of ['big-1', 'big-2', 'big-3']) add(`${name}.mp4`, 2 * MiB);
    for (let i = 1; i <= 8; i++) add(`small-${i}.mp4`, MiB);
    const done = uppy.upload();
    await tick();
    const names = () => plugin.uploaders.map((u) => u.fileName);
    const running = () => plugin.uploaders.filter((u) => u.running > 0);
    const finish = (name: string) =>
      plugin.uploaders.find((u) => u.fileName === name)?.finish?.({ provider: 's3', id: name });
    expect(names()).toEqual(['big-1.mp4', 'big-2.mp4']);
    finish('big-1.mp4');
    await tick();
    expect(names().at(-1)).toBe('big-3.mp4');
    finish('big-2.mp4');
    await tick();
    // One file in parts and three small ones.
    expect(running().map((u) => u.fileName)).toEqual([
      'big-3.mp4',
      'small-1.mp4',
      'small-2.mp4',
      'small-3.mp4',
    ]);
    finish('big-3.mp4');
    await tick();
    expect(running().map((u) => u.fileName)).toEqual([
      'small-1.mp4',
      'small-2.mp4',
      'small-3.mp4',
      'small-4.mp4',
      'small-5.mp4',
      'small-6.mp4',
    ]);
    for (let i = 1; i <= 8; i++) {
      finish(`small-${i}.mp4`);
      await tick();
    }
    expect((await done)?.successful).toHaveLength(11);
  });

  it('a paused file gives its slots to the files behind it, and queues again when resumed', async () => {
    const MiB = 2 ** 20;
    const { uppy, plugin, add } = setup(undefined, { partSize: MiB });
    const a = add('big-a.mp4', 2 * MiB);
    const b = add('big-b.mp4', 2 * MiB);
    add('small.mp4', MiB);
    const done = uppy.upload();
    await tick();
    const named = (name: string) => plugin.uploaders.find((u) => u.fileName === name);
    expect(plugin.uploaders.map((u) => u.fileName)).toEqual(['big-a.mp4', 'big-b.mp4']);
    uppy.pauseResume(a);
    uppy.pauseResume(b);
    await tick();
    // The two large files hold no slot while paused: the small one runs and finishes.
    expect(named('small.mp4')?.running).toBe(1);
    named('small.mp4')?.finish?.({ provider: 's3', id: 'small' });
    await tick();
    uppy.pauseResume(a);
    uppy.pauseResume(b);
    await tick();
    expect([named('big-a.mp4')?.runs, named('big-b.mp4')?.runs]).toEqual([2, 2]);
    named('big-a.mp4')?.finish?.({ provider: 's3', id: 'a' });
    named('big-b.mp4')?.finish?.({ provider: 's3', id: 'b' });
    expect((await done)?.successful).toHaveLength(3);
  });

  it('removing a file whose upload cannot even be cancelled reports vod:cancelled, never an unhandled rejection', async () => {
    const { uppy, plugin, add } = setup();
    const id = add('refused.mp4');
    const done = uppy.upload();
    await tick();
    const uploader = plugin.uploaders[0]!;
    uploader.cancel = () => Promise.reject(vodError('file_invalid', 'too large for the cloud'));
    const cancelled: unknown[] = [];
    uppy.on('vod:cancelled', (fileID, details) => cancelled.push([fileID, details]));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      uppy.removeFile(id);
      await tick();
      await done;
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(cancelled).toEqual([[id, { abortedOnBucket: false }]]);
  });

  it('a file too large for the cloud does not stop the others of its batch', async () => {
    const { uppy, plugin, add } = setup();
    /** 50 TiB, past what even 10,000 parts of 5 GiB hold; only its size is read. */
    class HugeBlob extends Blob {
      override get size() {
        return 50 * 2 ** 40;
      }
    }
    uppy.addFile({ name: 'huge.mp4', type: 'video/mp4', data: new HugeBlob([]) });
    add('small.mp4');
    const done = uppy.upload();
    await tick();
    const small = plugin.uploaders.find((u) => u.fileName === 'small.mp4');
    small?.finish?.({ provider: 's3', id: 'key-small' });
    plugin.uploaders.find((u) => u.fileName === 'huge.mp4')?.finish?.(vodError('file_invalid', 'too large'));
    const result = await done;
    expect(result?.successful?.map((f) => f.name)).toEqual(['small.mp4']);
  });

  it('a chunk of upload code that fails to load is a retryable network error, not an internal one', async () => {
    class UnloadablePlugin extends VodPlugin<VodPluginOptions, Meta, Body> {
      protected readonly provider = 's3' as const;
      constructor(uppy: Uppy<Meta, Body>, opts: VodPluginOptions) {
        super(uppy, opts, 'VodUnloadable');
      }
      protected loadDriver(): Promise<UploadDriver> {
        return Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/s3.js'));
      }
      protected override preload(): Promise<void> {
        return Promise.resolve();
      }
    }
    const uppy = new Uppy<Meta, Body>();
    uppy.use(UnloadablePlugin, { endpoint: '/api/vod', checkpointStore: new MemoryCheckpointStore() });
    uppy.addFile({ name: 'a.mp4', type: 'video/mp4', data: new Blob([new Uint8Array(10)]) });
    const errors: unknown[] = [];
    uppy.on('upload-error', (_file, error) => errors.push(error));
    await uppy.upload();
    expect(errors).toMatchObject([{ code: 'network', retryable: true, provider: 's3' }]);
  });
});
