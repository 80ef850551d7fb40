/**
 * How the browser waits for a media to become playable after its upload. Read `POST /media/status`
 * at once, then after `firstDelayMs`, each wait `factor` times the last, never more than
 * `maxDelayMs`, until the media is ready or failed, or `deadlineMs` has passed.
 */
export interface MediaStatusPollOptions {
  /**
   * First wait (default 1000 ms). Short, because a media without processing (S3, a Tencent upload
   * without a `Procedure`) is ready at the first read and a short video soon after.
   */
  firstDelayMs?: number;
  /** Growth of the wait (default 1.5): a long transcode costs few reads, a short one is seen soon. */
  factor?: number;
  /**
   * Longest wait (default 10 s): a "Ready" shown 10 s late is fine, while every open page's reads
   * reach the cloud's status API (Tencent `DescribeMediaInfos`, Alibaba `GetVideoInfo`), which is
   * rate-limited per account.
   */
  maxDelayMs?: number;
  /**
   * Stop waiting after this long (default 30 min) with `processing_timeout`: past it the person has
   * most likely moved on; the media still becomes ready in the cloud, and the app learns it from
   * the server's media events.
   */
  deadlineMs?: number;
}

/** The defaults of {@link MediaStatusPollOptions}. */
export const MEDIA_STATUS_DEFAULTS: Required<MediaStatusPollOptions> = {
  firstDelayMs: 1000,
  factor: 1.5,
  maxDelayMs: 10_000,
  deadlineMs: 30 * 60_000,
};
