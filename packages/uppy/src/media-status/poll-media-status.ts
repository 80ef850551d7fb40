import {
  ENDPOINT_ROUTES,
  isVodUploadError,
  type MediaStatus,
  type MediaStatusRequest,
  type ProviderKey,
  vodError,
} from '@vod-uploader/core';
import type { EndpointClient } from '../shared/endpoint-client.js';
import { abortableSleep, throwIfAborted, type UploadEnvironment } from '../shared/environment.js';
import { decodeMediaStatus } from './decode-media-status.js';
import { MEDIA_STATUS_DEFAULTS, type MediaStatusPollOptions } from './media-status-options.js';

/** A media the cloud can play: the `ready` member of core's `MediaStatus`. */
export type ReadyMediaStatus = Extract<MediaStatus, { state: 'ready' }>;

/** Options of {@link pollMediaStatus}. */
export interface PollMediaStatusOptions extends MediaStatusPollOptions {
  /** The endpoint client the status reads go through (its `headers`, `fetch` and clock). */
  client: Pick<EndpointClient, 'postForEnvelope'>;
  /** The finish answer's ticket (`VodUploadResult.statusTicket`). */
  ticket: string;
  /** The uploaded media's id (`VodUploadResult.id`): a status naming another is `decode_failed`. */
  mediaId?: string;
  /** Named in the errors. */
  provider?: ProviderKey;
  /** Stops the polling (unmount, the file removed): rejects with `aborted`. */
  signal?: AbortSignal;
  /** Time and timers; injected by tests. Default: `Date.now` and `setTimeout`. */
  env?: Pick<UploadEnvironment, 'now' | 'sleep'>;
  /** Told every status read, in order (a `failed` one too, before the rejection). */
  onStatus?: (status: MediaStatus) => void;
}

/**
 * Follows a media after its upload until the cloud can play it: reads `POST /media/status` with the
 * finish answer's ticket at once, then with a growing wait (1 s ×1.5 up to 10 s by default).
 * Resolves with the `ready` status. Rejects with a `VodUploadError`: `processing_failed` (the
 * cloud's reason as `message`, its code as `cloudCode`), `processing_timeout` after `deadlineMs`,
 * `aborted` on `signal`, or the endpoint's own non-retryable error (`not_found`, `forbidden`…). A
 * retryable failure of one read (network, 5xx, 429) is not the end: the next read comes on schedule.
 * @example
 * const ready = await pollMediaStatus({ client, ticket: result.statusTicket, signal });
 * show(ready.playUrl);
 */
export async function pollMediaStatus(options: PollMediaStatusOptions): Promise<ReadyMediaStatus> {
  const { client, ticket, provider, signal, onStatus } = options;
  const env = options.env ?? { now: () => Date.now(), sleep: abortableSleep };
  const schedule = { ...MEDIA_STATUS_DEFAULTS, ...definedOf(options) };
  const deadline = env.now() + schedule.deadlineMs;
  let delay = schedule.firstDelayMs;
  const body: MediaStatusRequest = { ticket };
  for (;;) {
    throwIfAborted(signal);
    const status = await readOnce(client, body, signal, options.mediaId);
    if (status) {
      onStatus?.(status);
      if (status.state === 'ready') return status;
      if (status.state === 'failed') {
        throw vodError('processing_failed', status.reason, {
          provider,
          retryable: false,
          ...(status.cloudCode ? { cloudCode: status.cloudCode } : {}),
        });
      }
    }
    const left = deadline - env.now();
    if (left <= 0) {
      throw vodError(
        'processing_timeout',
        `The media was still processing after ${schedule.deadlineMs} ms.`,
        {
          provider,
        },
      );
    }
    await env.sleep(Math.round(Math.min(delay, left)), signal);
    delay = Math.min(schedule.maxDelayMs, delay * schedule.factor);
  }
}

/** One read; undefined when it failed in a way the next read may not (network, 5xx, 429). */
async function readOnce(
  client: PollMediaStatusOptions['client'],
  body: MediaStatusRequest,
  signal: AbortSignal | undefined,
  mediaId: string | undefined,
): Promise<MediaStatus | undefined> {
  try {
    const answer = await client.postForEnvelope(ENDPOINT_ROUTES.mediaStatus, body, signal);
    return decodeMediaStatus(answer.result, mediaId);
  } catch (error) {
    if (signal?.aborted) throw error;
    if (isVodUploadError(error) && error.retryable && error.code !== 'aborted') return undefined;
    throw error;
  }
}

/** The schedule fields the caller set (an explicit `undefined` keeps the default). */
function definedOf(options: MediaStatusPollOptions): MediaStatusPollOptions {
  const out: MediaStatusPollOptions = {};
  for (const key of ['firstDelayMs', 'factor', 'maxDelayMs', 'deadlineMs'] as const) {
    const value = options[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) out[key] = value;
  }
  return out;
}
