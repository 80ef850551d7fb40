import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SandboxOptions, startSandbox } from '@vod-uploader/sandbox';
import {
  configFromSandboxDescriptor,
  createAliyunCallbackReceiver,
  type MediaEvent,
  MemorySharedStore,
  toNodeHandler,
  type VodHandlerConfig,
} from '@vod-uploader/server';
import { expect } from 'vitest';
import { type Answer, type Harness, listen, startHarness } from '../harness.js';
import { SAMPLE_MP4 } from '../media-origin.js';
import { cosClientFor, ossClientFor, type TempCertificate } from '../upload-clients.js';
import { sha256 } from './stored-bytes.js';

export const AUTH_KEY = 'sandbox-callback-auth-key';

/** A harness whose callers are named by `x-user`, with Tencent procedures and Alibaba templates on. */
export interface MediaHarness extends Harness {
  /** Every event `onMediaEvent` took, in order. */
  events: MediaEvent[];
  /** The config the handler was built from (the sources are built from it too). */
  config: VodHandlerConfig;
  /** The store the handler and the sources share. */
  store: MemorySharedStore;
  /** `onMediaEvent` throws for these event types (once each) before recording. */
  failOnce: Set<MediaEvent['type']>;
  /** Calls the handler threw from. */
  refused: MediaEvent[];
}

export async function startMediaHarness(
  sandboxOptions: SandboxOptions = {},
  overrides: Partial<VodHandlerConfig> = {},
): Promise<MediaHarness> {
  const sandbox = await startSandbox({
    port: 0,
    processing: { stageMs: 40 },
    ...sandboxOptions,
    events: { pullWaitMs: 300, aliyunAuthKey: AUTH_KEY, ...sandboxOptions.events },
  });
  const events: MediaEvent[] = [];
  const refused: MediaEvent[] = [];
  const failOnce = new Set<MediaEvent['type']>();
  const onMediaEvent = (event: MediaEvent) => {
    if (failOnce.delete(event.type)) {
      refused.push(event);
      throw new Error(`the app failed on ${event.type}`);
    }
    events.push(event);
  };
  const providers = configFromSandboxDescriptor(sandbox.descriptor);
  const authorize = (request: Request) => ({ id: request.headers.get('x-user') ?? 'nobody' });
  // One store for the handler and the sources, as the README shows: Alibaba callbacks read the owners
  // the handler recorded there.
  const store = new MemorySharedStore();
  const shared = {
    tencent: { ...providers.tencent, procedure: 'LongVideoPreset' },
    aliyun: { ...providers.aliyun, templateGroupId: 'sandbox-template-group' },
    onMediaEvent,
    store,
    ...overrides,
  };
  const h = await startHarness({ ...shared, authorize } as never, { sandbox });
  // The sources are built from the same settings as the handler (same keys, so the same seal).
  const config = { ...providers, ...shared, authorize, onError: () => {} } as VodHandlerConfig;
  return {
    ...h,
    events,
    refused,
    failOnce,
    config,
    store,
    async close() {
      await h.close();
      await sandbox.close();
    },
  };
}

/** Serves a `Request → Response` receiver on 127.0.0.1; resolves with its URL and a closer. */
export async function serveReceiver(receiver: (request: Request) => Promise<Response>) {
  const server = await listen(createServer(toNodeHandler(receiver)));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/vod`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/**
 * An Alibaba callback receiver built from the harness's config and store, served on loopback, with
 * the sandbox sending its callbacks to it; close it when done.
 */
export async function serveAliyunReceiver(h: MediaHarness) {
  // The receiver signs with its own URL, known once served.
  let receiver: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  const served = await serveReceiver((request) => receiver(request));
  receiver = createAliyunCallbackReceiver({
    config: h.config,
    store: h.store,
    callbackUrl: served.url,
    authKey: AUTH_KEY,
  });
  h.sandbox.setEvents({ aliyunCallbackUrl: served.url });
  return served;
}

/** An upload done through the endpoint: `mediaId` names it as media events and the status route do. */
export interface UploadedMedia {
  /** The Tencent FileId or the Alibaba VideoId. */
  mediaId: string;
  /** The media ticket the finishing call answered (for `/media/status`). */
  ticket: string;
}

/** POSTs `body` to `path` as `user` (the harness's `x-user`), expecting 200; the answer. */
async function postAs(h: Harness, user: string, path: string, body: unknown): Promise<Answer> {
  const answer = await h.call('POST', path, body, { 'x-user': user });
  expect(answer.status, answer.text).toBe(200);
  return answer;
}

/** Uploads SAMPLE_MP4 through the endpoint as `user` (apply, COS put, commit); ids and ticket. */
export async function tencentUpload(h: Harness, user: string): Promise<UploadedMedia & { fileId: string }> {
  const applied = await postAs(h, user, '/tencent/apply-upload', {
    mediaType: 'mp4',
    fileSize: SAMPLE_MP4.length,
  });
  const response = applied.json.result.Response as {
    StorageBucket: string;
    StorageRegion: string;
    MediaStoragePath: string;
    VodSessionKey: string;
    TempCertificate: TempCertificate;
  };
  const cos = cosClientFor(h.sandbox.descriptor.tencent.cosDomain, response.TempCertificate);
  await cos.putObject({
    Bucket: response.StorageBucket,
    Region: response.StorageRegion,
    Key: response.MediaStoragePath.slice(1),
    Body: SAMPLE_MP4,
  });
  const committed = await postAs(h, user, '/tencent/commit-upload', {
    vodSessionKey: response.VodSessionKey,
    ticket: applied.json.ticket,
  });
  const fileId = committed.json.result.Response.FileId as string;
  return { fileId, mediaId: fileId, ticket: committed.json.ticket as string };
}

/** Uploads SAMPLE_MP4 through the endpoint as `user` (create, OSS put, complete); id and ticket. */
export async function aliyunUpload(h: Harness, user: string): Promise<UploadedMedia & { videoId: string }> {
  const created = await postAs(h, user, '/aliyun/create-upload-video', {
    fileName: 'sample.mp4',
    fileSize: SAMPLE_MP4.length,
  });
  const { client, address } = ossClientFor(created.json.result);
  await client.put(String(address.FileName), SAMPLE_MP4);
  const videoId = created.json.result.VideoId as string;
  const done = await postAs(h, user, '/aliyun/complete', { videoId, ticket: created.json.ticket });
  return { videoId, mediaId: videoId, ticket: done.json.ticket as string };
}

/** Polls until `done` holds (or 10 s pass). */
export async function until(done: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

/** The bytes a URL serves, hashed. */
export async function sha256Of(url: string): Promise<string> {
  return sha256(new Uint8Array(await (await fetch(url)).arrayBuffer()));
}

/** An Alibaba callback's signature headers for `url` at `timestamp` (seconds). */
export function aliyunSigned(url: string, timestamp: number, authKey = AUTH_KEY): Record<string, string> {
  const ts = String(timestamp);
  return {
    'content-type': 'application/json',
    'x-vod-timestamp': ts,
    'x-vod-signature': createHash('md5').update(`${url}|${ts}|${authKey}`).digest('hex'),
  };
}
