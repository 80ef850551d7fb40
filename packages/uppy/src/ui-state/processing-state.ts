import { type MediaStatus, type ProviderKey, type VodUploadError, vodError } from '@vod-uploader/core';
import { describeError } from './describe-error.js';
import type { VodMessages } from './vod-messages.js';

/** A media the cloud can play, as `onReady` gets it. */
export interface VodReadyMedia {
  provider: ProviderKey;
  /** The same id as the upload's result (`FileId`, `VideoId`, object key). */
  id: string;
  /** Plays the processed media (or the stored original where the cloud makes no output). */
  playUrl?: string;
  posterUrl?: string;
  durationSeconds?: number;
}

/**
 * Where an uploaded file's media stands in the cloud, for the UI: `processing` (with the cloud's
 * stage in its words, when it says one), then `ready` or `failed`. Both of those are final.
 */
export type VodProcessingState =
  | { state: 'processing'; stage?: string }
  | { state: 'ready'; media: VodReadyMedia }
  | { state: 'failed'; error: VodUploadError };

/** What moves a file's processing state: a status read (of the file's provider) or an error. */
export type VodProcessingEvent = { status: MediaStatus; provider: ProviderKey } | { error: VodUploadError };

/**
 * The processing state machine: none → processing (→ processing with a new stage) → ready | failed.
 * A final state never changes again (a late or repeated read cannot turn "Ready" back into
 * "Processing…"), and an unchanged state is returned as the same object, so nothing re-renders.
 */
export function nextProcessingState(
  current: VodProcessingState | undefined,
  event: VodProcessingEvent,
): VodProcessingState | undefined {
  if (current && current.state !== 'processing') return current;
  if ('error' in event) return { state: 'failed', error: event.error };
  const { status, provider } = event;
  if (status.state === 'processing') {
    const stage = status.stage ?? current?.stage;
    if (current && current.stage === stage) return current;
    return stage === undefined ? { state: 'processing' } : { state: 'processing', stage };
  }
  if (status.state === 'ready') return { state: 'ready', media: readyMediaOf(status, provider) };
  const error = vodError('processing_failed', status.reason, {
    provider,
    retryable: false,
    ...(status.cloudCode ? { cloudCode: status.cloudCode } : {}),
  });
  return { state: 'failed', error };
}

/** What `onReady` gets for a `ready` status of a `provider`'s media. */
export function readyMediaOf(
  status: Extract<MediaStatus, { state: 'ready' }>,
  provider: ProviderKey,
): VodReadyMedia {
  const media: VodReadyMedia = { provider, id: status.mediaId };
  if (status.playUrl) media.playUrl = status.playUrl;
  if (status.posterUrl) media.posterUrl = status.posterUrl;
  if (status.durationSeconds !== undefined) media.durationSeconds = status.durationSeconds;
  return media;
}

/**
 * The words for a failed processing: the cloud's own reason after "Processing failed:" (the person
 * needs the why, e.g. "the source has no video stream"), else the error's sentence for people.
 */
export function describeProcessingFailure(error: VodUploadError, messages: VodMessages): string {
  if (error.code === 'processing_failed' && error.message) return messages.processing.failed(error.message);
  return describeError(error, messages);
}

/** The line a UI shows for a processing state: "Processing… (stage)", "Ready", or the failure. */
export function describeProcessing(state: VodProcessingState, messages: VodMessages): string {
  const words = messages.processing;
  if (state.state === 'processing') return state.stage ? words.stage(state.stage) : words.inProgress;
  if (state.state === 'ready') return words.ready;
  return describeProcessingFailure(state.error, messages);
}
