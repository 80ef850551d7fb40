import { vodError } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import {
  describeProcessing,
  nextProcessingState,
  type VodProcessingEvent,
  type VodProcessingState,
} from './processing-state.js';
import { messagesOf } from './vod-messages.js';

const run = (events: VodProcessingEvent[]) =>
  events.reduce<VodProcessingState | undefined>(
    (state, event) => nextProcessingState(state, event),
    undefined,
  );
const status = (s: VodProcessingEvent & { status: unknown }) => s;
const processing = (stage?: string) =>
  status({
    provider: 'tencent',
    status: { state: 'processing', mediaId: 'f-1', ...(stage ? { stage } : {}) },
  });
const ready = status({
  provider: 'tencent',
  status: { state: 'ready', mediaId: 'f-1', playUrl: 'http://vod.test/f-1.mp4', durationSeconds: 6 },
});

describe('the processing state machine', () => {
  it('goes processing → processing with a stage → ready, and ready is final', () => {
    expect(run([processing()])).toEqual({ state: 'processing' });
    expect(run([processing(), processing('Transcoding')])).toEqual({
      state: 'processing',
      stage: 'Transcoding',
    });
    const done = run([processing(), processing('Transcoding'), ready]);
    expect(done).toEqual({
      state: 'ready',
      media: { provider: 'tencent', id: 'f-1', playUrl: 'http://vod.test/f-1.mp4', durationSeconds: 6 },
    });
    // A late read (another tab, a slow answer) cannot take "Ready" back.
    expect(nextProcessingState(done, processing('Transcoding'))).toBe(done);
    expect(nextProcessingState(done, { error: vodError('network', 'x') })).toBe(done);
  });

  it('keeps the last stage the cloud named, and the same object when nothing changed', () => {
    const staged = run([processing('Snapshot')]);
    expect(nextProcessingState(staged, processing())).toBe(staged);
    expect(nextProcessingState(staged, processing('Snapshot'))).toBe(staged);
  });

  it("turns a failed status into processing_failed with the cloud's reason; failed is final", () => {
    const failed = run([
      processing(),
      {
        provider: 'aliyun',
        status: { state: 'failed', mediaId: 'v-1', reason: 'No video stream.', cloudCode: 'X' },
      },
    ]);
    expect(failed?.state).toBe('failed');
    const error = failed?.state === 'failed' ? failed.error : undefined;
    expect(error).toMatchObject({
      code: 'processing_failed',
      message: 'No video stream.',
      cloudCode: 'X',
      provider: 'aliyun',
    });
    expect(nextProcessingState(failed, ready)).toBe(failed);
  });

  it('reads as people see it, in en and zh-CN', () => {
    const en = messagesOf('en');
    const zh = messagesOf('zh-CN');
    expect(describeProcessing({ state: 'processing' }, en)).toBe('Processing…');
    expect(describeProcessing({ state: 'processing', stage: 'Transcoding' }, en)).toBe(
      'Processing… (Transcoding)',
    );
    expect(describeProcessing({ state: 'processing' }, zh)).toBe('正在处理…');
    const failed = run([{ error: vodError('processing_failed', 'The source has no video stream.') }]);
    expect(describeProcessing(failed as VodProcessingState, en)).toBe(
      'Processing failed: The source has no video stream.',
    );
    expect(describeProcessing(failed as VodProcessingState, zh)).toBe(
      '处理失败：The source has no video stream.',
    );
    const late = run([processing(), { error: vodError('processing_timeout', 'dev text') }]);
    expect(describeProcessing(late as VodProcessingState, en)).toMatch(/still being processed/);
    expect(describeProcessing(late as VodProcessingState, en)).not.toContain('dev text');
  });
});
