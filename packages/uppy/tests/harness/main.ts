import Uppy, { type Body, type Meta, type UppyFile } from '@uppy/core';
import { createVodPlugin, type VodPluginOptions } from '@vod-uploader/uppy';

/** One recorded Uppy event, as the tests read it. */
interface HarnessEvent {
  type: string;
  at: number;
  fileId?: string;
  data?: unknown;
}

type Provider = 'tencent' | 'aliyun' | 's3';

/**
 * The page the Playwright tests drive: an Uppy instance with one VOD plugin, two file inputs (the
 * file and its cover), and `window.harness` to act and to read what happened.
 */
const harness = {
  uppy: undefined as Uppy<Meta, Body> | undefined,
  events: [] as HarnessEvent[],
  descriptor: undefined as { tencent: { cosDomain: string } } | undefined,

  async setup(provider: Provider, options: Partial<VodPluginOptions> = {}): Promise<void> {
    harness.descriptor ??= await (await fetch('/_harness/descriptor')).json();
    harness.uppy?.destroy();
    harness.events = [];
    const uppy = new Uppy<Meta, Body>({ autoProceed: false });
    const extras: Record<string, unknown> =
      provider === 'tencent'
        ? { cosDomain: harness.descriptor?.tencent.cosDomain, cosProtocol: 'http:' }
        : {};
    // The provider is chosen at run time, so the plugin's options type is too.
    const use = uppy.use.bind(uppy) as (plugin: unknown, opts: unknown) => unknown;
    if (provider === 's3' && (options as { useAwsS3?: boolean }).useAwsS3) {
      // For the README's measurements only: @uppy/aws-s3 6 against the same /s3/sign route.
      const { default: AwsS3 } = await import('@uppy/aws-s3');
      const partSize = options.partSize ?? 8 * 1024 * 1024;
      use(AwsS3, {
        shouldUseMultipart: true,
        getChunkSize: () => partSize,
        signRequest: async (request: Record<string, unknown>) => {
          const response = await fetch('/api/vod/s3/sign', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(request),
          });
          return (await response.json()).result;
        },
      });
    } else {
      use(createVodPlugin(provider), { endpoint: '/api/vod', ...extras, ...options });
    }
    const record = (type: string) => (file: UppyFile<Meta, Body> | undefined | string, data?: unknown) => {
      const fileId = typeof file === 'string' ? file : file?.id;
      harness.events.push({ type, at: performance.now(), fileId, data: serialize(data) });
    };
    for (const type of [
      'upload-success',
      'upload-error',
      'upload-progress',
      'vod:warning',
      'vod:cancelled',
      'vod:progress',
      'vod:part-resent',
    ]) {
      uppy.on(type as never, record(type) as never);
    }
    harness.uppy = uppy;
  },

  /** Adds the file chosen in `#file` (set by the test with setInputFiles); `#cover` becomes its cover. */
  addChosenFile(): string {
    const input = document.querySelector<HTMLInputElement>('#file');
    const coverInput = document.querySelector<HTMLInputElement>('#cover');
    const file = input?.files?.[0];
    if (!file || !harness.uppy) throw new Error('choose a file and call setup() first');
    const cover = coverInput?.files?.[0];
    return harness.uppy.addFile({
      name: file.name,
      type: file.type,
      data: file,
      meta: cover ? { cover } : {},
    });
  },

  upload(): Promise<unknown> {
    return (harness.uppy as Uppy<Meta, Body>).upload().then((r) => serialize(r));
  },
  startUpload(): void {
    void harness.uppy?.upload();
  },
  pause(fileId: string): void {
    if (!harness.uppy?.getFile(fileId).isPaused) harness.uppy?.pauseResume(fileId);
  },
  resume(fileId: string): void {
    if (harness.uppy?.getFile(fileId).isPaused) harness.uppy?.pauseResume(fileId);
  },
  remove(fileId: string): void {
    harness.uppy?.removeFile(fileId);
  },
  cancelAll(): void {
    harness.uppy?.cancelAll();
  },
  retry(fileId: string): Promise<unknown> {
    return (harness.uppy as Uppy<Meta, Body>).retryUpload(fileId).then((r) => serialize(r));
  },
  bytesUploaded(fileId: string): number {
    const progress = harness.uppy?.getFile(fileId)?.progress;
    return typeof progress?.bytesUploaded === 'number' ? progress.bytesUploaded : 0;
  },
  /** Keys of the checkpoints the uploaders keep in IndexedDB (database `vod-uploader`). */
  checkpointKeys(): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('vod-uploader');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('checkpoints')) {
          db.close();
          resolve([]);
          return;
        }
        const request = db.transaction('checkpoints').objectStore('checkpoints').getAllKeys();
        request.onsuccess = () => {
          db.close();
          resolve(request.result.map(String));
        };
        request.onerror = () => reject(request.error);
      };
    });
  },
  eventsOf(type: string): HarnessEvent[] {
    return harness.events.filter((e) => e.type === type);
  },
};

function serialize(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, ...(JSON.parse(JSON.stringify(value)) as object) };
  }
  try {
    return JSON.parse(
      JSON.stringify(value, (_key, v) =>
        v instanceof Blob ? { blob: v.size } : v instanceof Error ? serialize(v) : v,
      ),
    );
  } catch {
    return String(value);
  }
}

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
document.body.dataset.ready = 'true';
