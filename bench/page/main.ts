import Uppy, { type Body, type Meta } from '@uppy/core';
import { decodeAliyunCreateUploadVideo, decodeTencentApplyUpload } from '@vod-uploader/core';
import { createVodPlugin, preloadProviderSdk } from '@vod-uploader/uppy';
import type { UiTiming } from './ui.js';

type Provider = 'tencent' | 'aliyun' | 's3';

/** What one timed upload measured, in the page's own clock. */
interface Timing {
  ok: boolean;
  /** From the start call to the last file's completion. */
  ms: number;
  /** The start call's wall-clock time (`Date.now()`), to line the sandbox's request log up with it. */
  startedAtEpochMs?: number;
  /** From the start call to the first `upload-progress` with bytes (ours and Uppy plugins only). */
  firstByteMs?: number;
  error?: string;
  /** Ours only: loading the provider's SDK chunk, which the plugin does at idle before any upload. */
  preload?: { ms: number; longestTaskMs: number };
}

const chosen = (): File[] => [...(document.querySelector<HTMLInputElement>('#file')?.files ?? [])];

/** The longest task seen since the last `resetLongTasks()` (PerformanceObserver `longtask`, ≥ 50 ms). */
let longest = 0;
/** Every long task's start and duration, to tell the tasks of one phase from another's. */
const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    longest = Math.max(longest, entry.duration);
    longTasks.push({ start: entry.startTime, duration: entry.duration });
  }
}).observe({ type: 'longtask', buffered: false });

async function endpoint<T>(route: string, body: unknown): Promise<T> {
  return (await endpointEnvelope<T>(route, body)).result;
}

/** The endpoint's whole answer: its `result` and, for a call that opens a session, the session's `ticket`. */
async function endpointEnvelope<T>(route: string, body: unknown): Promise<{ result: T; ticket?: string }> {
  const response = await fetch(`/api/vod${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(JSON.stringify(json));
  return json as { result: T; ticket?: string };
}

async function timed(run: () => Promise<void>): Promise<Timing> {
  const started = performance.now();
  try {
    await run();
    return { ok: true, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, ms: performance.now() - started, error: String(error).slice(0, 300) };
  }
}

async function runUppy(configure: (uppy: Uppy<Meta, Body>) => void, files: File[]): Promise<Timing> {
  const uppy = new Uppy<Meta, Body>({ autoProceed: false });
  configure(uppy);
  for (const file of files) uppy.addFile({ name: file.name, type: file.type, data: file });
  const started = performance.now();
  const startedAtEpochMs = Date.now();
  let firstByteMs: number | undefined;
  uppy.on('upload-progress', (_file, progress) => {
    if (firstByteMs === undefined && (progress.bytesUploaded ?? 0) > 0)
      firstByteMs = performance.now() - started;
  });
  (window as unknown as { benchUppy: unknown }).benchUppy = uppy;
  const result = await uppy.upload();
  const ms = performance.now() - started;
  const failed = result?.failed ?? [];
  uppy.destroy();
  return {
    ok: failed.length === 0 && (result?.successful?.length ?? 0) === files.length,
    ms,
    startedAtEpochMs,
    firstByteMs,
    ...(failed.length ? { error: String(failed[0]?.error).slice(0, 300) } : {}),
  };
}

/** The sandbox's COS domain for Tencent (a real app leaves the SDK's default). */
function pluginExtras(provider: Provider): Record<string, unknown> {
  return provider === 'tencent'
    ? { cosDomain: bench.descriptor?.tencent.cosDomain, cosProtocol: 'http:' }
    : {};
}

const bench = {
  descriptor: undefined as { tencent: { cosDomain: string } } | undefined,

  async load(): Promise<void> {
    bench.descriptor = await (await fetch('/_harness/descriptor')).json();
  },

  resetLongTasks(): void {
    longest = 0;
  },
  longestTask(): number {
    return longest;
  },

  /** Loads the provider's SDK chunk, as the plugin does at idle (cached: `ours()` then finds it loaded). */
  async preload(provider: Provider): Promise<void> {
    await preloadProviderSdk(provider);
  },

  /**
   * Our plugin for `provider`, every chosen file queued at once. The SDK chunk is loaded first and
   * measured apart, as in an app the plugin loads it when the page is idle, before the user has
   * chosen a file (`preloadSdk`).
   */
  async ours(provider: Provider, options: Record<string, unknown> = {}): Promise<Timing> {
    const preloadStarted = performance.now();
    await preloadProviderSdk(provider);
    const preloadMs = performance.now() - preloadStarted;
    // Long-task entries arrive asynchronously: let them land before reading and resetting.
    await new Promise((done) => setTimeout(done, 100));
    const preload = { ms: preloadMs, longestTaskMs: longest };
    longest = 0;
    const extras = pluginExtras(provider);
    const use = (uppy: Uppy<Meta, Body>) =>
      (uppy.use.bind(uppy) as (plugin: unknown, opts: unknown) => unknown)(createVodPlugin(provider), {
        endpoint: '/api/vod',
        ...extras,
        ...options,
      });
    return { ...(await runUppy(use, chosen())), preload };
  },

  /**
   * The same files through the whole UI, `<VodUploader autoProceed />`: Dashboard, previews and
   * progress rendering included. Its chunk (React, Dashboard) and the SDK chunk are loaded first.
   */
  async ui(provider: Provider): Promise<UiTiming & { longestAfterAddMs: number }> {
    const [{ uploadThroughUi }] = await Promise.all([import('./ui.js'), preloadProviderSdk(provider)]);
    await new Promise((done) => setTimeout(done, 100));
    longest = 0;
    const timing = await uploadThroughUi(provider, chosen(), pluginExtras(provider));
    await new Promise((done) => setTimeout(done, 100));
    const afterAdd = longTasks.filter((t) => t.start >= timing.addedAt);
    return { ...timing, longestAfterAddMs: Math.max(0, ...afterAdd.map((t) => t.duration)) };
  },

  /** One XHR PUT of the whole file to a presigned S3 URL: the limit of what one request can do. */
  rawPut(): Promise<Timing> {
    const file = chosen()[0] as File;
    return timed(async () => {
      const signed = await endpoint<{ url: string; headers?: Record<string, string> }>('/s3/sign', {
        method: 'PUT',
        key: file.name,
        fileName: file.name,
        fileSize: file.size,
        contentType: file.type,
      });
      await new Promise<void>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('PUT', signed.url);
        for (const [name, value] of Object.entries(signed.headers ?? {})) xhr.setRequestHeader(name, value);
        xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(`PUT ${xhr.status}`)));
        xhr.onerror = () => reject(new Error('PUT network error'));
        xhr.send(file);
      });
    });
  },

  /** cos-js-sdk-v5 `sliceUploadFile` with its defaults (1 MB parts, 3 in flight), after our ApplyUpload. */
  cosSdk(): Promise<Timing> {
    const file = chosen()[0] as File;
    return timed(async () => {
      const { default: COS } = await import('cos-js-sdk-v5');
      const target = decodeTencentApplyUpload(
        await endpoint('/tencent/apply-upload', { mediaType: 'mp4', fileSize: file.size }),
      );
      const credential = target.credential as NonNullable<typeof target.credential>;
      const cos = new COS({
        Domain: bench.descriptor?.tencent.cosDomain,
        Protocol: 'http:',
        getAuthorization: (_opts, callback) =>
          callback({
            TmpSecretId: credential.secretId,
            TmpSecretKey: credential.secretKey,
            SecurityToken: credential.token,
            StartTime: Math.floor(Date.now() / 1000) - 60,
            ExpiredTime: Math.floor(credential.expiresAt / 1000),
          }),
      });
      await cos.sliceUploadFile({
        Bucket: target.bucket,
        Region: target.region,
        Key: target.mediaKey,
        Body: file,
      });
    });
  },

  /** ali-oss `multipartUpload` with its defaults (1 MB parts, 5 in flight), after our CreateUploadVideo. */
  ossSdk(): Promise<Timing> {
    const file = chosen()[0] as File;
    return timed(async () => {
      const module = (await import('ali-oss')) as unknown as { default?: unknown };
      const OSS = (module.default ?? module) as new (
        options: Record<string, unknown>,
      ) => {
        multipartUpload(name: string, file: File): Promise<unknown>;
      };
      const target = decodeAliyunCreateUploadVideo(
        await endpoint('/aliyun/create-upload-video', { fileName: file.name, fileSize: file.size }),
      );
      const client = new OSS({
        accessKeyId: target.credential.accessKeyId,
        accessKeySecret: target.credential.accessKeySecret,
        stsToken: target.credential.securityToken,
        bucket: target.bucket,
        region: target.region,
        endpoint: target.endpoint,
        secure: false,
        sldEnable: true,
      });
      await client.multipartUpload(target.objectKey, file);
    });
  },

  /**
   * `@uppy/aws-s3` 6 with its defaults (multipart above 100 MB, its chunk size, parts one after another),
   * signed by the endpoint's /s3/sign.
   */
  async awsS3(): Promise<Timing> {
    const { default: AwsS3 } = await import('@uppy/aws-s3');
    const file = chosen()[0] as File;
    // The endpoint's policy needs the file's facts on PUT and create, which @uppy/aws-s3 does not
    // send; its own part size (5 MiB, or more to stay within 10,000 parts) is declared on create.
    const facts = {
      fileName: file.name,
      fileSize: file.size,
      contentType: file.type,
      partSize: Math.max(5 * 1024 * 1024, Math.ceil(file.size / 10_000)),
    };
    // The PUT or create opens the object's session; every later step of it carries the session's
    // ticket (the endpoint binds an upload to its caller). One file per run, so one ticket.
    let ticket: string | undefined;
    const signRequest = async (request: { uploadId?: string; method: string }) => {
      if (request.uploadId) return endpoint('/s3/sign', { ...request, ticket });
      const opening = { ...request, ...facts, ...(request.method === 'POST' ? {} : { partSize: undefined }) };
      const answer = await endpointEnvelope('/s3/sign', opening);
      ticket = answer.ticket;
      return answer.result;
    };
    const use = (uppy: Uppy<Meta, Body>) =>
      (uppy.use.bind(uppy) as (plugin: unknown, opts: unknown) => unknown)(AwsS3, { signRequest });
    return runUppy(use, chosen());
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
await bench.load();
document.body.dataset.ready = 'true';
