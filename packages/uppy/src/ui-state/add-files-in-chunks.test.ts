import Uppy from '@uppy/core';
import { describe, expect, it } from 'vitest';
import { addFilesInChunks } from './add-files-in-chunks.js';
import type { VodUppy } from './vod-uppy.js';

const files = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `clip-${i}.mp4`,
    type: 'video/mp4',
    data: new Blob([new Uint8Array(i + 1)], { type: 'video/mp4' }),
  }));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('addFilesInChunks', () => {
  it('adds the first 10 files at once and the rest in later tasks, one state change per chunk', async () => {
    const uppy = new Uppy() as unknown as VodUppy;
    addFilesInChunks(uppy);
    let changes = 0;
    uppy.on('state-update' as never, (() => changes++) as never);
    uppy.addFiles(files(25));
    expect(uppy.getFiles()).toHaveLength(10);
    await tick();
    expect(uppy.getFiles()).toHaveLength(20);
    await tick();
    expect(uppy.getFiles().map((f) => f.name)).toEqual(files(25).map((f) => f.name));
    expect(changes).toBeLessThanOrEqual(6);
  });

  it('keeps a small choice in one call, and refusals of a later chunk do not stop the others', async () => {
    const uppy = new Uppy({ restrictions: { maxFileSize: 15 } }) as unknown as VodUppy;
    addFilesInChunks(uppy);
    const refused: string[] = [];
    uppy.on('restriction-failed', (file) => refused.push(file?.name ?? ''));
    uppy.addFiles(files(3));
    expect(uppy.getFiles()).toHaveLength(3);
    uppy.addFiles(files(20).slice(3));
    await tick();
    await tick();
    // Files of 16+ bytes are refused; every other file is in.
    expect(uppy.getFiles()).toHaveLength(15);
    expect(refused).toHaveLength(5);
  });

  it('restores the instance’s own addFiles', () => {
    const uppy = new Uppy() as unknown as VodUppy;
    const own = uppy.addFiles;
    const restore = addFilesInChunks(uppy);
    expect(uppy.addFiles).not.toBe(own);
    restore();
    expect(uppy.addFiles).toBe(own);
  });
});
