import { describe, expect, it } from 'vitest';
import { instanceKeyOf } from '../src/use-vod-uploader.js';

describe('useVodUploader instance key', () => {
  it('ownership: a changed or removed checkpointScope (another user signed in, or out) makes a new instance; equal options do not', () => {
    const base = { provider: 'tencent' as const, endpoint: '/api/vod' };
    const alice = instanceKeyOf({ ...base, pluginOptions: { checkpointScope: 'alice' } });
    expect(instanceKeyOf({ ...base, pluginOptions: { checkpointScope: 'alice' } })).toBe(alice);
    expect(instanceKeyOf({ ...base, pluginOptions: { checkpointScope: 'bob' } })).not.toBe(alice);
    expect(instanceKeyOf({ ...base, pluginOptions: {} })).not.toBe(alice);
    expect(instanceKeyOf(base)).not.toBe(alice);
    expect(instanceKeyOf({ ...base, endpoint: '/other' })).not.toBe(instanceKeyOf(base));
  });
});
