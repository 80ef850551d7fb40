import type { ProviderKey } from '@vod-uploader/core';

/** Where an event came from: the Tencent poller, a Tencent push, an Alibaba callback. */
export type MediaEventSource = 'tencent-pull' | 'tencent-push' | 'aliyun-callback';

interface MediaEventBase {
  /**
   * The idempotency key: the same fact from any source (a redelivered pull, a push, a retried
   * callback) has the same id, and reaches `onMediaEvent` once.
   */
  id: string;
  provider: Exclude<ProviderKey, 's3'>;
  /** Tencent `FileId` (a failed pull: its `TaskId`), Alibaba `VideoId`. */
  mediaId: string;
  /**
   * The id of the caller who uploaded the media (the `Caller.id` `authorize` returned), recovered
   * from the sealed binding the upload carried to the cloud; undefined for a media this endpoint
   * did not upload (or uploaded without `onMediaEvent`).
   */
  callerId?: string;
  source: MediaEventSource;
  /** What the cloud said, as trusted after the re-read (for logs; its shape is the cloud's). */
  raw: unknown;
}

/** One normalised fact about a media, the same for every cloud. */
export type MediaEvent =
  | (MediaEventBase & { type: 'media.uploaded' })
  | (MediaEventBase & {
      type: 'media.processing';
      /** The cloud's stage in words where it says one: `queued`, `transcoding`, `snapshot`. */
      stage?: string;
    })
  | (MediaEventBase & {
      type: 'media.ready';
      /** URLs that play the processed media (the stored original when nothing processed it). */
      playUrls: string[];
      posterUrl?: string;
      durationSeconds?: number;
    })
  | (MediaEventBase & {
      type: 'media.failed';
      /** The cloud's reason, in its words; the refusal's message when the endpoint refused it (`code`). */
      reason: string;
      cloudCode?: string;
      /**
       * `policy_refused` when the endpoint refused the media itself: stored over `policy.maxFileSize`
       * (a caller who skipped the route that checks it), so it was deleted. Absent for the cloud's
       * own failures.
       */
      code?: 'policy_refused';
    })
  | (MediaEventBase & { type: 'media.deleted' });

/** The app's handler. Throwing (or rejecting) leaves the event unconfirmed: the cloud sends it again. */
export type OnMediaEventFn = (event: MediaEvent) => void | Promise<void>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before the source that delivers it is known. */
export type MediaEventDraft = DistributiveOmit<MediaEvent, 'source'>;
