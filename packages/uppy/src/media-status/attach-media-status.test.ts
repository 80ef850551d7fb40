import Uppy from '@uppy/core';
import type { MediaStatus, VodUploadError, VodUploadResult } from '@vod-uploader/core';
import { describe, expect, it, vi } from 'vitest';
import { useFakeClock } from '../../tests/support/use-fake-clock.js';
import { messagesOf } from '../ui-state/vod-messages.js';
import { VodUploaderStore } from '../ui-state/vod-uploader-store.js';
import type { VodBody, VodUppy } from '../ui-state/vod-uppy.js';
import { attachMediaStatus } from './attach-media-status.js';

const ok = (result: MediaStatus) =>
  new Response(JSON.stringify({ result, serverTime: Date.now() }), { status: 200 });

// The poller is a lazy chunk: load it before the clocks are faked, as a page would have by then.
await import('./poll-media-status.js');

function setup(answers: MediaStatus[], options: { enabled?: boolean } = {}) {
  const uppy: VodUppy = new Uppy();
  const store = new VodUploaderStore(uppy, () => messagesOf('en'));
  const reads: unknown[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    reads.push(JSON.parse(String(init?.body)));
    const next = answers.length > 1 ? answers.shift() : answers[0];
    return ok(next as MediaStatus);
  });
  const told: string[] = [];
  const detach = attachMediaStatus(uppy, {
    endpoint: 'http://app.test/api/vod',
    fetch,
    enabled: () => options.enabled !== false,
    onReady: (media, file) => told.push(`ready ${media.id} ${media.playUrl} ${file.name}`),
    onError: (error, file) => told.push(`error ${error.code} ${file.name}`),
  });
  const id = uppy.addFile({ name: 'clip.mp4', type: 'video/mp4', data: new Blob([new Uint8Array(10)]) });
  const heard: string[] = [];
  store.subscribe(() => {
    const { announcement } = store.getSnapshot();
    if (announcement && heard.at(-1) !== announcement) heard.push(announcement);
  });
  const finish = (result: Partial<VodUploadResult> = {}) => {
    const typed: VodUploadResult = { provider: 'tencent', id: 'f-1', statusTicket: 'tk-1', ...result };
    const body = typed as unknown as VodBody;
    uppy.setFileState(id, { progress: { ...uppy.getFile(id).progress, uploadComplete: true } });
    // As the plugin does: the typed result first, then Uppy's own success with it as the body.
    uppy.emit('vod:uploaded', uppy.getFile(id), typed);
    uppy.emit('upload-success', uppy.getFile(id), { status: 200, body, uploadURL: undefined });
    uppy.emit('complete', { successful: [uppy.getFile(id)], failed: [], uploadID: 'u1' });
  };
  const file = () => store.getSnapshot().files[0];
  return { uppy, store, reads, fetch, detach, id, heard, finish, file, told };
}

describe('attachMediaStatus with VodUploaderStore', () => {
  useFakeClock();

  it('follows a finished file: "Processing…" at once, the stage, then Ready with its play URL, announced', async () => {
    const { finish, file, heard, reads, store, told } = setup([
      { state: 'processing', mediaId: 'f-1', stage: 'Transcoding' },
      {
        state: 'ready',
        mediaId: 'f-1',
        playUrl: 'http://vod.test/f-1.mp4',
        posterUrl: 'http://vod.test/f-1.jpg',
      },
    ]);
    finish();
    expect(file()?.status).toBe('done');
    expect(file()?.processing).toEqual({ state: 'processing' });
    expect(store.getSnapshot().isProcessing).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(file()?.processing).toEqual({ state: 'processing', stage: 'Transcoding' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(file()?.processing).toEqual({
      state: 'ready',
      media: {
        provider: 'tencent',
        id: 'f-1',
        playUrl: 'http://vod.test/f-1.mp4',
        posterUrl: 'http://vod.test/f-1.jpg',
      },
    });
    expect(store.getSnapshot().isProcessing).toBe(false);
    expect(reads).toEqual([{ ticket: 'tk-1' }, { ticket: 'tk-1' }]);
    expect(heard).toEqual([
      'Upload complete. The video service is processing it.',
      'clip.mp4 is ready to play.',
    ]);
    expect(told).toEqual(['ready f-1 http://vod.test/f-1.mp4 clip.mp4']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reads).toHaveLength(2);
  });

  it("shows a failed processing with the cloud's reason and emits vod:media-error (processing_failed)", async () => {
    const { uppy, finish, file, heard, told } = setup([
      {
        state: 'failed',
        mediaId: 'f-1',
        reason: 'The source has no video stream.',
        cloudCode: 'SourceInvalid',
      },
    ]);
    const errors: VodUploadError[] = [];
    uppy.on('vod:media-error', (_f, error) => errors.push(error));
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    quiet.mockRestore();
    expect(file()?.processing?.state).toBe('failed');
    expect(errors.map((e) => [e.code, e.message, e.cloudCode])).toEqual([
      ['processing_failed', 'The source has no video stream.', 'SourceInvalid'],
    ]);
    expect(told).toEqual(['error processing_failed clip.mp4']);
    expect(heard.at(-1)).toBe('clip.mp4: Processing failed: The source has no video stream.');
  });

  it('follows nothing without a status ticket (an older endpoint) or when turned off', async () => {
    const older = setup([{ state: 'ready', mediaId: 'f-1' }]);
    older.finish({ statusTicket: undefined });
    const off = setup([{ state: 'ready', mediaId: 'f-1' }], { enabled: false });
    off.finish();
    await vi.advanceTimersByTimeAsync(5000);
    expect(older.fetch).not.toHaveBeenCalled();
    expect(off.fetch).not.toHaveBeenCalled();
    expect(older.file()?.processing).toBeUndefined();
    expect(off.file()?.processing).toBeUndefined();
  });

  it('stops polling when the file is removed, and when detached (unmount)', async () => {
    const removed = setup([{ state: 'processing', mediaId: 'f-1' }]);
    removed.finish();
    await vi.advanceTimersByTimeAsync(1500);
    expect(removed.reads).toHaveLength(2);
    removed.uppy.removeFile(removed.id);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(removed.reads).toHaveLength(2);

    const unmounted = setup([{ state: 'processing', mediaId: 'f-1' }]);
    unmounted.finish();
    await vi.advanceTimersByTimeAsync(0);
    unmounted.detach();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(unmounted.reads).toHaveLength(1);
    expect(unmounted.file()?.processing).toEqual({ state: 'processing' });
  });
});
