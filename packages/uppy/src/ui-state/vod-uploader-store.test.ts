import Uppy from '@uppy/core';
import { vodError } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import { messagesOf } from './vod-messages.js';
import { VodUploaderStore } from './vod-uploader-store.js';
import type { VodUppy } from './vod-uppy.js';

function setup(size = 10) {
  let now = 0;
  let added = 0;
  const uppy: VodUppy = new Uppy();
  const store = new VodUploaderStore(
    uppy,
    () => messagesOf('en'),
    () => now,
  );
  const add = (bytesTotal: number) => {
    added += 1;
    const id = uppy.addFile({
      name: added === 1 ? 'clip.mp4' : `clip-${added}.mp4`,
      type: 'video/mp4',
      data: new Blob([new Uint8Array(bytesTotal)]),
    });
    /** What the engine does every 200 ms: Uppy's progress, then ours (with what its attempt resumed). */
    const report = (bytesUploaded: number, ms = 200, bytesResumed = 0) => {
      now += ms;
      const progress = { uploadStarted: 1, bytesUploaded, bytesTotal };
      uppy.emit('upload-progress', uppy.getFile(id), progress);
      uppy.emit('vod:progress', uppy.getFile(id), {
        ...progress,
        speed: 0,
        etaSeconds: undefined,
        bytesResumed,
      });
    };
    return { file: uppy.getFile(id), report };
  };
  const { file, report } = add(size);
  const start = () => {
    uppy.emit('upload', 'u1', [file]);
    uppy.emit('upload-start', [uppy.getFile(file.id)]);
  };
  const wait = (ms: number) => {
    now += ms;
  };
  return { uppy, store, file, report, start, add, wait };
}

describe('VodUploaderStore', () => {
  it('announces milestones once each, not every tick', () => {
    const { uppy, store, file, report, start } = setup(100);
    const heard: string[] = [];
    store.subscribe(() => {
      const { announcement, progress } = store.getSnapshot();
      if (announcement && heard.at(-1) !== announcement) {
        heard.push(announcement);
        // Never ahead of the percentage shown at the same moment.
        const milestone = /(\d+)%/.exec(announcement)?.[1];
        if (milestone) expect(progress).toBeGreaterThanOrEqual(Number(milestone));
      }
    });
    start();
    for (const p of [5, 20, 26, 30, 49, 51, 60, 80, 90]) report(p);
    uppy.emit('complete', { successful: [file], failed: [], uploadID: 'u1' });
    expect(heard).toEqual([
      'Upload started.',
      'Upload 25% complete.',
      'Upload 50% complete.',
      'Upload 75% complete.',
      'Upload complete.',
    ]);
  });

  it('derives the percentage, the bytes and the phase from one count; Finishing until the id is known', () => {
    const { uppy, store, file, report, start } = setup(1000);
    expect(store.getSnapshot().phase).toBe('waiting');
    start();
    expect(store.getSnapshot().phase).toBe('uploading');
    report(996);
    // Uppy stops taking progress once its rounded percentage reads 100; our count does not stop.
    report(999);
    let snapshot = store.getSnapshot();
    expect(snapshot).toMatchObject({
      progress: 99,
      bytesUploaded: 999,
      bytesTotal: 1000,
      phase: 'uploading',
    });
    expect(snapshot.files[0]).toMatchObject({ progress: 99, status: 'uploading' });
    report(1000);
    snapshot = store.getSnapshot();
    expect(snapshot).toMatchObject({ progress: 100, phase: 'finishing', etaSeconds: undefined });
    uppy.emit('upload-success', uppy.getFile(file.id), {
      status: 200,
      body: { provider: 's3', id: 'videos/clip.mp4' },
    });
    expect(store.getSnapshot()).toMatchObject({ progress: 100, phase: 'complete' });
  });

  it('smooths the time left and never says 0 s while bytes remain', () => {
    const { store, report, start } = setup(10_000);
    start();
    for (let i = 1; i <= 10; i++) report(i * 200);
    const moving = store.getSnapshot().etaSeconds ?? 0;
    // 1000 bytes a second, 8000 bytes left.
    expect(moving).toBeGreaterThan(6);
    expect(moving).toBeLessThan(10);
    // Stuck: the estimate grows instead of running down to 0.
    for (let i = 0; i < 10; i++) report(2000);
    const stuck = store.getSnapshot().etaSeconds;
    expect(stuck === undefined || stuck > moving).toBe(true);
  });

  it("shows a resumed file's stored bytes but measures the speed without them", () => {
    const { store, report, start } = setup(1_000_000);
    start();
    // The engine's first report is the 900 000 bytes its checkpoint stored, and says so.
    report(900_000, 200, 900_000);
    for (let i = 1; i <= 5; i++) report(900_000 + i * 200, 200, 900_000);
    const snapshot = store.getSnapshot();
    expect(snapshot).toMatchObject({ progress: 90, bytesUploaded: 901_000, bytesTotal: 1_000_000 });
    expect(snapshot.files[0]).toMatchObject({ progress: 90, bytesUploaded: 901_000 });
    // 99 000 bytes left at the link's 1000 bytes a second.
    expect(snapshot.etaSeconds).toBeCloseTo(99, 0);
  });

  it('does not count the stored bytes of a file that resumes into a running batch as speed', () => {
    const { uppy, store, file, report, add } = setup(1_000_000);
    const resumed = add(1_000_000);
    uppy.emit('upload', 'u1', [file, resumed.file]);
    // The second file waits for a slot.
    uppy.emit('upload-start', [uppy.getFile(file.id)]);
    for (let i = 1; i <= 10; i++) report(i * 200);
    // It starts, reporting at once what its checkpoint stored; then both send 1000 bytes a second.
    uppy.emit('upload-start', [uppy.getFile(resumed.file.id)]);
    resumed.report(900_000, 0, 900_000);
    for (let i = 1; i <= 5; i++) {
      report(2000 + i * 200);
      resumed.report(900_000 + i * 200, 0, 900_000);
    }
    const snapshot = store.getSnapshot();
    expect(snapshot.bytesUploaded).toBe(3000 + 901_000);
    // 1 096 000 bytes left: 548 s at the 2000 bytes a second both send, 1096 s at the first's alone.
    expect(snapshot.etaSeconds).toBeGreaterThan(548);
    expect(snapshot.etaSeconds).toBeLessThan(1096);
  });

  it('measures the speed afresh when one file is resumed with its own pause button', () => {
    const { uppy, store, file, report, start, wait } = setup(1_000_000);
    uppy.setState({ capabilities: { ...uppy.getState().capabilities, resumableUploads: true } });
    start();
    for (let i = 1; i <= 10; i++) report(i * 200);
    uppy.pauseResume(file.id);
    expect(store.getSnapshot()).toMatchObject({ phase: 'paused', etaSeconds: undefined });
    wait(60_000);
    uppy.pauseResume(file.id);
    // The engine reports the stored bytes at once, then the link moves 1000 bytes a second as before.
    report(2000, 0, 2000);
    for (let i = 1; i <= 3; i++) report(2000 + i * 200, 200, 2000);
    // 997 400 bytes left.
    expect(store.getSnapshot().etaSeconds).toBeCloseTo(997.4, 0);
  });

  it("keeps measuring when a resumed file's count goes back to 0 (its upload started over)", () => {
    const { store, report, start } = setup(1_000_000);
    start();
    report(900_000, 0, 900_000);
    for (let i = 1; i <= 10; i++) report(900_000 + i * 200, 200, 900_000);
    // The bucket refused the object: every byte is sent again, at the same 1000 bytes a second.
    for (let i = 0; i <= 5; i++) report(i * 200);
    expect(store.getSnapshot()).toMatchObject({ progress: 0, bytesUploaded: 1000 });
    // 999 000 bytes left; the one report of no new bytes slowed the average a little.
    expect(store.getSnapshot().etaSeconds).toBeGreaterThan(999);
    expect(store.getSnapshot().etaSeconds).toBeLessThan(1100);
  });

  it("counts a fresh upload's first bytes as traffic, even when they arrive in one burst after a quiet start", () => {
    const { store, report, start } = setup(100_000_000);
    start();
    // Create and sign: nothing moves for a second; then 10 MB leave at once, then 1 MB a second.
    for (let i = 0; i < 5; i++) report(0);
    report(10_000_000);
    for (let i = 1; i <= 3; i++) report(10_000_000 + i * 200_000);
    // The burst is this attempt's traffic (damped by the quiet second before it): the estimate sits
    // between the burst's rate and the link's, not at the link's alone as if the burst were stored.
    const eta = store.getSnapshot().etaSeconds ?? Number.POSITIVE_INFINITY;
    expect(eta).toBeLessThan(89.4);
    expect(eta).toBeGreaterThan(1);
  });

  it('measures a batch of small files that each finish between two reports', () => {
    const { uppy, store, file, report, add } = setup(1000);
    const batch = [{ file, report }, add(1000), add(1000), add(1000)];
    uppy.emit(
      'upload',
      'u1',
      batch.map((small) => small.file),
    );
    const etas: (number | undefined)[] = [];
    for (const small of batch) {
      uppy.emit('upload-start', [uppy.getFile(small.file.id)]);
      // The engine's one report, as the file is stored.
      small.report(1000);
      uppy.emit('upload-success', uppy.getFile(small.file.id), { status: 200 });
      etas.push(store.getSnapshot().etaSeconds);
    }
    // 1000 bytes every 200 ms; nothing left once the last is stored.
    expect(etas).toEqual([undefined, 0.4, 0.2, undefined]);
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

  it('shows the typed result the engine reported with vod:uploaded', () => {
    const { uppy, store, file } = setup();
    uppy.emit('vod:uploaded', file, { provider: 's3', id: 'videos/clip.mp4', url: 'https://x/clip.mp4' });
    uppy.setFileState(file.id, { progress: { ...file.progress, uploadComplete: true, percentage: 100 } });
    const { files, results } = store.getSnapshot();
    expect(files[0]?.status).toBe('done');
    expect(results).toEqual([{ provider: 's3', id: 'videos/clip.mp4', url: 'https://x/clip.mp4' }]);
  });
});
