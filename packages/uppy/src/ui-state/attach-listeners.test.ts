import Uppy from '@uppy/core';
import { describe, expect, it } from 'vitest';
import '../shared/vod-events.js';
import { attachListeners } from './attach-listeners.js';
import type { VodUppy } from './vod-uppy.js';

describe('attachListeners', () => {
  it('hears each event it was given, ours included, and nothing once detached', () => {
    const uppy = new Uppy() as unknown as VodUppy;
    const heard: string[] = [];
    const detach = attachListeners(uppy, {
      'cancel-all': () => heard.push('cancel-all'),
      'vod:uploaded': (_file, result) => heard.push(`vod:uploaded ${result.id}`),
    });
    uppy.emit('cancel-all');
    uppy.emit('vod:uploaded', undefined, { provider: 's3', id: 'm-1' });
    detach();
    uppy.emit('cancel-all');
    uppy.emit('vod:uploaded', undefined, { provider: 's3', id: 'm-2' });
    expect(heard).toEqual(['cancel-all', 'vod:uploaded m-1']);
  });
});
