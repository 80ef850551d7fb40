import { type MediaStatus, vodError } from '@vod-uploader/core';

/**
 * Checks the `result` of `POST /media/status` against core's `MediaStatus`, so the UI never draws a
 * state it does not know, another media's state, or a link that is not http(s). A wrong shape is
 * `decode_failed` naming the field (`result.state`, …).
 */
export function decodeMediaStatus(raw: unknown, expectedMediaId?: string): MediaStatus {
  const record = isRecord(raw) ? raw : fail('result', 'is not an object');
  const { state } = record;
  const mediaId = record.mediaId;
  if (typeof mediaId !== 'string' || mediaId === '') fail('result.mediaId', 'is not a non-empty string');
  if (expectedMediaId !== undefined && mediaId !== expectedMediaId) {
    fail('result.mediaId', 'is not the media that was asked about');
  }
  if (state === 'processing') {
    const stage = optionalString(record, 'stage');
    return stage === undefined ? { state, mediaId } : { state, mediaId, stage };
  }
  if (state === 'ready') {
    const ready: MediaStatus = { state, mediaId };
    const playUrl = optionalHttpUrl(record, 'playUrl');
    const posterUrl = optionalHttpUrl(record, 'posterUrl');
    const { durationSeconds } = record;
    if (durationSeconds !== undefined && (typeof durationSeconds !== 'number' || !(durationSeconds >= 0))) {
      fail('result.durationSeconds', 'is not a number of seconds');
    }
    if (playUrl !== undefined) ready.playUrl = playUrl;
    if (posterUrl !== undefined) ready.posterUrl = posterUrl;
    if (durationSeconds !== undefined) ready.durationSeconds = durationSeconds;
    return ready;
  }
  if (state === 'failed') {
    const reason = optionalString(record, 'reason') ?? fail('result.reason', 'is missing');
    const cloudCode = optionalString(record, 'cloudCode');
    return cloudCode === undefined ? { state, mediaId, reason } : { state, mediaId, reason, cloudCode };
  }
  return fail('result.state', `is ${JSON.stringify(state)}, not processing, ready or failed`);
}

function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(`result.${key}`, 'is not a string');
  return value === '' ? undefined : value;
}

/** A link the page will put in an `href`/`src`: only http(s), never `javascript:` or `data:`. */
function optionalHttpUrl(record: Record<string, unknown>, key: string): string | undefined {
  const value = optionalString(record, key);
  if (value !== undefined && !/^https?:\/\//i.test(value)) fail(`result.${key}`, 'is not an http(s) URL');
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(field: string, problem: string): never {
  throw vodError('decode_failed', `The media status answer's ${field} ${problem}.`, {
    field,
    retryable: false,
  });
}
