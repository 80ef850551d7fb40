import { createHash, timingSafeEqual } from 'node:crypto';
import { vodError } from '@vod-uploader/core';
import { aliyunMediaEvents } from './aliyun-media-events.js';
import { type MediaEventSourceOptions, mediaEventRuntime } from './media-event-runtime.js';
import { eventAnswer, readEventBody } from './read-event-body.js';
import { str } from './tencent-media-events.js';

/** Options of {@link createAliyunCallbackReceiver}. */
export interface AliyunCallbackReceiverOptions extends MediaEventSourceOptions {
  /**
   * The callback URL exactly as configured in the VOD console (or `UserData.MessageCallback`):
   * Alibaba signs this text, not the URL the request arrived at (proxies may change that).
   */
  callbackUrl: string;
  /** The console's callback AuthKey. */
  authKey: string;
  /** How far `X-VOD-TIMESTAMP` may be from now, seconds. Default 300. */
  timestampWindowSeconds?: number;
}

/**
 * A receiver of Alibaba VOD's HTTP callbacks (`FileUploadComplete`, `StreamTranscodeComplete`,
 * `TranscodeComplete`, `SnapshotComplete`, …): `(Request) => Promise<Response>`. It checks
 * `X-VOD-SIGNATURE = md5("<callbackUrl>|<X-VOD-TIMESTAMP>|<authKey>")` (401 `bad_signature`), the
 * timestamp within ±300 s (401 `stale_timestamp`), refuses a second callback of the same event and
 * video with the same signed timestamp (409 `replayed`, remembered in the store for twice the
 * window), then — the signature does not cover the body — re-reads the video (GetVideoInfo,
 * GetPlayInfo) and emits what the cloud says, naming the caller the handler recorded for the video
 * (in the handler's store: give both the same `store`). 200 once the app's handler succeeded; 500
 * when it threw (Alibaba retries twice).
 * @example
 * const aliyunCallback = createAliyunCallbackReceiver({
 *   config, callbackUrl: 'https://example.com/hooks/aliyun-vod', authKey: process.env.VOD_CALLBACK_KEY!,
 * });
 * @see https://www.alibabacloud.com/help/en/vod/user-guide/configure-callback-settings (AuthKey)
 */
export function createAliyunCallbackReceiver(
  options: AliyunCallbackReceiverOptions,
): (request: Request) => Promise<Response> {
  const runtime = mediaEventRuntime(options);
  const aliyun = runtime.provider('aliyun', 'receiver');
  if (!options.callbackUrl || !options.authKey) {
    throw vodError('config_invalid', 'callbackUrl, authKey: both are required', { field: 'authKey' });
  }
  const windowSeconds = options.timestampWindowSeconds ?? 300;
  const reader = { cloud: aliyun.cloud, store: runtime.store, policy: runtime.services.policy };
  return async function aliyunCallbackReceiver(request) {
    const timestamp = request.headers.get('x-vod-timestamp') ?? '';
    const signature = (request.headers.get('x-vod-signature') ?? '').toLowerCase();
    const expected = createHash('md5')
      .update(`${options.callbackUrl}|${timestamp}|${options.authKey}`)
      .digest('hex');
    if (!/^\d{1,12}$/.test(timestamp) || !sameText(signature, expected)) {
      return eventAnswer(401, { error: 'bad_signature' });
    }
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > windowSeconds) {
      return eventAnswer(401, { error: 'stale_timestamp' });
    }
    const body = await readEventBody(request);
    if (body instanceof Response) return body;
    // The signature covers the timestamp, not the body, so a captured header pair could carry any
    // number of bodies: one signed timestamp admits one callback per event and video. Not one in
    // all: Alibaba sends a video's callbacks (and other videos') within the same second.
    const event = `${str(body.json.EventType)}\n${str(body.json.VideoId)}`;
    const seen = createHash('sha256').update(`${timestamp}\n${signature}\n${event}`).digest('hex');
    let fresh: boolean;
    try {
      fresh = await runtime.store.setIfAbsent(
        `vod-uploader:aliyun-callback:${seen}`,
        '1',
        windowSeconds * 2000,
      );
    } catch (error) {
      // Unsure whether it is a replay: refuse it for now (Alibaba retries), and say so.
      runtime.resolved.onError(error, undefined);
      return eventAnswer(503, { error: 'store_unavailable' });
    }
    if (!fresh) return eventAnswer(409, { error: 'replayed' });
    try {
      for (const draft of await aliyunMediaEvents(body.json, reader))
        await runtime.deliver(draft, 'aliyun-callback');
      return eventAnswer(200, { ok: true });
    } catch (error) {
      // Let Alibaba's retry (a new timestamp, so not a replay) try again.
      await runtime.store.delete(`vod-uploader:aliyun-callback:${seen}`).catch(() => undefined);
      runtime.resolved.onError(error, undefined);
      return eventAnswer(500, { error: 'internal' });
    }
  };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
