import { createVodHandler, type UploadedEvent } from '@vod-uploader/server';
import { describe, expect, it } from 'vitest';
import { committingTencent } from './fake-clouds.js';
import { errorOf, readAnswer } from './harness.js';

const tencent = { secretId: 'AKIDhooks', secretKey: 'hooks-secret-key', region: 'ap-guangzhou' };

function post(handler: ReturnType<typeof createVodHandler>, route: string, body: unknown) {
  return handler(
    new Request(`http://x.test/api/vod/tencent/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  ).then(readAnswer);
}

/** Applies for the session `vodSessionKey` (the fake cloud names it after the media), then commits it. */
async function commit(handler: ReturnType<typeof createVodHandler>, vodSessionKey: string) {
  const applied = await post(handler, 'apply-upload', { mediaType: 'mp4', mediaName: vodSessionKey });
  return post(handler, 'commit-upload', { vodSessionKey, ticket: applied.json.ticket });
}

describe('onUploaded', () => {
  it('fires once per media even for concurrent commits, and again after a failed hook', async () => {
    const events: UploadedEvent[] = [];
    let failNext = true;
    const errors: unknown[] = [];
    const handler = createVodHandler({
      tencent,
      authorize: () => ({ id: 'u1', plan: 'pro' }),
      // The same session key always commits to the same FileId, as a retried commit would.
      clouds: { tencent: committingTencent() },
      onUploaded: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
        events.push(event);
      },
      onError: (error) => errors.push(error),
    });

    const failed = await commit(handler, 'a');
    expect(failed.status).toBe(500);
    expect(errorOf(failed)).toMatchObject({ code: 'internal', message: 'Internal error' });
    expect(failed.text).not.toContain('database');
    expect(errors).toHaveLength(1);

    const answers = await Promise.all([commit(handler, 'a'), commit(handler, 'a'), commit(handler, 'b')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(events.map((e) => e.mediaId).sort()).toEqual(['file-a', 'file-b']);
    expect(events[0]).toMatchObject({
      provider: 'tencent',
      kind: 'video',
      caller: { id: 'u1', plan: 'pro' },
    });
    await commit(handler, 'a');
    expect(events).toHaveLength(2);
  });
});
