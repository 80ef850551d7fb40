import { beforeEach, describe, expect, it, vi } from 'vitest';
import { attachVideoPreviews, EAGER_PREVIEW_FILES } from './attach-video-previews.js';
import { readVideoPreview, type VideoPreview } from './read-video-preview.js';
import { messagesOf } from './vod-messages.js';
import type { VodUppy, VodUppyFile } from './vod-uppy.js';

vi.mock('./read-video-preview.js', () => ({ readVideoPreview: vi.fn() }));

/** Each read waits until the test finishes it; `inFlight` counts the reads started and not finished. */
const reads: { finish: (preview: VideoPreview) => void }[] = [];
let inFlight = 0;
let most = 0;
beforeEach(() => {
  reads.length = 0;
  inFlight = 0;
  most = 0;
  vi.mocked(readVideoPreview).mockImplementation(
    () =>
      new Promise<VideoPreview>((resolve) => {
        most = Math.max(most, ++inFlight);
        reads.push({
          finish: (preview) => {
            inFlight--;
            resolve(preview);
          },
        });
      }),
  );
});

/** Finishes every read, including those the queue starts meanwhile, so no test leaks into the next. */
async function drain(): Promise<void> {
  for (await settle(); reads.length > 0; await settle())
    for (const read of reads.splice(0)) read.finish(preview(1));
}

const preview = (duration: number): VideoPreview => ({
  duration,
  width: 640,
  height: 360,
  poster: undefined,
});
const settle = () => new Promise((done) => setTimeout(done, 20));

/** The slice of Uppy the previews use, with files kept in a map. */
function fakeUppy() {
  const files = new Map<string, VodUppyFile>();
  const listeners = new Map<string, Set<(file: VodUppyFile) => void>>();
  const tell = (event: string, file: VodUppyFile) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(file);
  };
  const changed = () => tell('state-update', undefined as unknown as VodUppyFile);
  let preprocessor: ((ids: string[]) => Promise<void>) | undefined;
  const uppy = {
    on: (event: string, listener: (file: VodUppyFile) => void) => {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(listener));
    },
    off: (event: string, listener: (file: VodUppyFile) => void) => listeners.get(event)?.delete(listener),
    getFiles: () => [...files.values()],
    addPreProcessor: (fn: (ids: string[]) => Promise<void>) => {
      preprocessor = fn;
    },
    removePreProcessor: () => {},
    getFile: (id: string) => files.get(id),
    setFileMeta: (id: string, meta: Record<string, unknown>) => {
      const file = files.get(id);
      if (file) file.meta = { ...file.meta, ...meta };
    },
    setFileState: () => {},
    removeFile: (id: string) => files.delete(id),
    info: () => {},
    emit: () => {},
  };
  const add = (count: number) =>
    Array.from({ length: count }, (_, i) => {
      const file = {
        id: `f${files.size}-${i}`,
        name: `clip-${i}.mp4`,
        type: 'video/mp4',
        data: new Blob(['x']),
        meta: {},
        progress: {},
        isRemote: false,
      } as unknown as VodUppyFile;
      files.set(file.id, file);
      tell('file-added', file);
      return file.id;
    });
  /** Marks a file as uploading (or done) as Uppy's state would, and tells the listeners. */
  const setUploading = (id: string, uploading: boolean) => {
    const file = files.get(id);
    if (file) file.progress = { ...file.progress, uploadStarted: 1, uploadComplete: !uploading } as never;
    changed();
  };
  return {
    uppy: uppy as unknown as VodUppy,
    files,
    add,
    setUploading,
    preprocess: (ids: string[]) => preprocessor?.(ids),
  };
}

describe('attachVideoPreviews', () => {
  it('reads at most two videos at once, and every one in the end', async () => {
    const { uppy, files, add } = fakeUppy();
    attachVideoPreviews(uppy, { maxDuration: () => undefined, messages: () => messagesOf('en') });
    const ids = add(6);
    for (let round = 0; round < 3; round++) {
      await settle();
      expect(inFlight).toBe(2);
      for (const read of reads.splice(0, 2)) read.finish(preview(6));
    }
    await settle();
    expect(most).toBe(2);
    expect(vi.mocked(readVideoPreview)).toHaveBeenCalledTimes(6);
    for (const id of ids) expect(files.get(id)?.meta.duration).toBe(6);
  });

  it('frees the posters of the files still listed when it is detached (an unmount)', async () => {
    const { uppy, add } = fakeUppy();
    const revoked = vi.spyOn(URL, 'revokeObjectURL');
    const detach = attachVideoPreviews(uppy, {
      maxDuration: () => undefined,
      messages: () => messagesOf('en'),
    });
    add(2);
    await settle();
    for (const read of reads.splice(0)) read.finish({ ...preview(6), poster: new Blob(['png']) });
    await settle();
    expect(revoked).not.toHaveBeenCalled();
    detach();
    expect(revoked).toHaveBeenCalledTimes(2);
    revoked.mockRestore();
  });

  it('without maxDuration, an upload waits for the posters being read, not for the queue', async () => {
    const { uppy, add, preprocess } = fakeUppy();
    attachVideoPreviews(uppy, { maxDuration: () => undefined, messages: () => messagesOf('en') });
    const ids = add(5);
    let started = false;
    const waiting = Promise.resolve(preprocess(ids)).then(() => {
      started = true;
    });
    await settle();
    expect(started).toBe(false); // the two being read are worth their few hundred ms
    for (const read of reads.splice(0, 2)) read.finish(preview(6));
    await waiting;
    expect(started).toBe(true);
    await settle();
    expect(inFlight).toBe(2); // the queue goes on reading beside the upload
    await drain();
  });

  it('with maxDuration, an upload waits for every video and a too-long one is removed', async () => {
    const { uppy, files, add, preprocess } = fakeUppy();
    attachVideoPreviews(uppy, { maxDuration: () => 5, messages: () => messagesOf('en') });
    const ids = add(3);
    let started = false;
    const waiting = Promise.resolve(preprocess(ids)).then(() => {
      started = true;
    });
    await settle();
    for (const read of reads.splice(0, 2)) read.finish(preview(4));
    await settle();
    expect(started).toBe(false);
    reads.splice(0, 1)[0]?.finish(preview(9));
    await waiting;
    expect(started).toBe(true);
    expect([...files.keys()]).toEqual(ids.slice(0, 2));
  });

  it('in a batch of more than EAGER_PREVIEW_FILES, posters not started wait until no file uploads', async () => {
    vi.mocked(readVideoPreview).mockClear();
    const { uppy, files, add, setUploading, preprocess } = fakeUppy();
    attachVideoPreviews(uppy, { maxDuration: () => undefined, messages: () => messagesOf('en') });
    const ids = add(EAGER_PREVIEW_FILES + 2);
    await settle();
    expect(inFlight).toBe(2); // the first two started before any upload
    setUploading(ids[0] as string, true);
    for (const read of reads.splice(0, 2)) read.finish(preview(6));
    await settle();
    expect(inFlight).toBe(0); // the rest yield to the upload…
    // …and the upload does not wait for posters that wait for it.
    await Promise.race([
      preprocess(ids),
      new Promise((_, fail) => setTimeout(() => fail(new Error('waited')), 500)),
    ]);
    setUploading(ids[0] as string, false);
    await settle();
    expect(inFlight).toBe(2); // uploads over: the posters follow, two at a time
    await drain();
    expect(vi.mocked(readVideoPreview)).toHaveBeenCalledTimes(EAGER_PREVIEW_FILES + 2);
    for (const id of ids) expect(files.get(id)?.meta.duration).toBeDefined();
  });
});
