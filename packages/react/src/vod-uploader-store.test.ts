import Uppy from '@uppy/core';
import { vodError } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { messagesOf } from './vod-messages.js';
import { VodUploaderStore } from './vod-uploader-store.js';
import type { VodUppy } from './vod-uppy.js';

function setup() {
  const uppy: VodUppy = new Uppy();
  const store = new VodUploaderStore(uppy, () => messagesOf('en'));
  const id = uppy.addFile({ name: 'clip.mp4', type: 'video/mp4', data: new Blob([new Uint8Array(10)]) });
  return { uppy, store, file: uppy.getFile(id) };
}

describe('VodUploaderStore', () => {
  it('announces milestones once each, not every tick', () => {
    const { uppy, store, file } = setup();
    const heard: string[] = [];
    store.subscribe(() => {
      const { announcement } = store.getSnapshot();
      if (announcement && heard.at(-1) !== announcement) heard.push(announcement);
    });
    uppy.emit('upload', 'u1', [file]);
    for (const p of [5, 20, 26, 30, 49, 51, 60, 80, 90]) uppy.emit('progress', p);
    uppy.emit('complete', { successful: [file], failed: [], uploadID: 'u1' });
    expect(heard).toEqual([
      'Upload started.',
      'Upload 25% complete.',
      'Upload 50% complete.',
      'Upload 75% complete.',
      'Upload complete.',
    ]);
  });

  it('keeps the typed error Uppy drops, and a stable snapshot between changes', () => {
    const { uppy, store, file } = setup();
    const error = vodError('credential_expired', 'ExpiredToken', {
      provider: 'tencent',
      cloudCode: 'ExpiredToken',
    });
    uppy.emit('upload-error', file, error);
    const snapshot = store.getSnapshot();
    expect(store.getSnapshot()).toBe(snapshot);
    expect(snapshot.files[0]?.status).toBe('error');
    expect(snapshot.files[0]?.error).toBe(error);
    expect(snapshot.errors).toEqual([error]);
    expect(uppy.getFile(file.id).error).toBe('The upload permission expired. Please try again.');
    expect(snapshot.announcement).toBe('Upload failed: The upload permission expired. Please try again.');
  });

  it('turns restriction failures and foreign errors into VodUploadErrors with readable words', () => {
    const { uppy, store } = setup();
    uppy.emit('restriction-failed', undefined, new Error('You can only upload: video/*'));
    const [refusal] = store.getSnapshot().errors;
    expect(refusal?.code).toBe('file_invalid');
    expect(store.getSnapshot().announcement).toBe('You can only upload: video/*');
    store.dismissRefusals();
    expect(store.getSnapshot().errors).toEqual([]);
  });

  it('shows the result the engine put in response.body', () => {
    const { uppy, store, file } = setup();
    uppy.setFileState(file.id, {
      response: { status: 200, body: { provider: 's3', id: 'videos/clip.mp4', url: 'https://x/clip.mp4' } },
      progress: { ...file.progress, uploadComplete: true, percentage: 100 },
    });
    const { files, results } = store.getSnapshot();
    expect(files[0]?.status).toBe('done');
    expect(results).toEqual([{ provider: 's3', id: 'videos/clip.mp4', url: 'https://x/clip.mp4' }]);
  });
});
