import { describe, expect, it } from 'vitest';
import { authorizeByUserHeader, errorOf, startHarness } from './harness.js';

/** A lone UTF-16 surrogate: valid JSON once escaped ("\ud800"), but text no cloud can encode. */
const LONE = '\ud800';

const CASES: Array<[path: string, body: Record<string, unknown>, field: string]> = [
  ['/aliyun/create-upload-video', { fileName: `${LONE}.mp4` }, 'fileName'],
  ['/aliyun/create-upload-video', { fileName: 'a.mp4', title: `x${LONE}` }, 'title'],
  ['/aliyun/create-upload-video', { fileName: 'a.mp4', description: LONE }, 'description'],
  ['/aliyun/create-upload-video', { fileName: 'a.mp4', tags: ['\udc00'] }, 'tags.0'],
  ['/aliyun/create-upload-image', { imageType: 'default', imageExt: 'png', title: LONE }, 'title'],
  ['/aliyun/url-import', { mediaUrl: 'https://media.example/a.mp4', mediaName: LONE }, 'mediaName'],
  ['/tencent/apply-upload', { mediaType: 'mp4', mediaName: LONE }, 'mediaName'],
  ['/tencent/apply-upload', { mediaType: 'mp4', sessionContext: LONE }, 'sessionContext'],
  ['/tencent/pull-upload', { mediaUrl: 'https://media.example/a.mp4', mediaName: LONE }, 'mediaName'],
  ['/s3/sign', { method: 'PUT', key: 'a.mp4', fileName: `${LONE}.mp4` }, 'fileName'],
];

describe('request schemas', () => {
  it.each(CASES)(
    'request schemas: %s refuses a lone surrogate in %j as a typed 400, before any cloud call',
    async (path, body, field) => {
      const h = await startHarness({ authorize: authorizeByUserHeader });
      try {
        const since = h.sandbox.context.log.list(0).length;
        const answer = await h.call('POST', path, body, { 'x-user': 'alice' });
        expect(answer.status, answer.text).toBe(400);
        expect(errorOf(answer)).toMatchObject({ code: 'request_invalid', field, retryable: false });
        expect(errorOf(answer).message).toMatch(/well-formed/);
        expect(h.sandbox.context.log.list(since)).toEqual([]);
      } finally {
        await h.close();
      }
    },
  );

  it('request schemas: a well-formed emoji (a surrogate pair) is still taken', async () => {
    const h = await startHarness({ authorize: authorizeByUserHeader });
    try {
      const answer = await h.call(
        'POST',
        '/aliyun/create-upload-video',
        { fileName: 'a.mp4', title: '🎬 trip' },
        {
          'x-user': 'alice',
        },
      );
      expect(answer.status, answer.text).toBe(200);
    } finally {
      await h.close();
    }
  });
});
