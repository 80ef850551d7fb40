import { createMediaVerifier } from '@vod-uploader/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  aliyunUpload,
  type MediaHarness,
  startMediaHarness,
  tencentUpload,
} from './support/media-harness.js';

/**
 * A CMS form submits the media id its field holds; a user can type any id he has seen into it. The
 * ticket beside it proves which media this user uploaded.
 */
let h: MediaHarness;
beforeAll(async () => {
  h = await startMediaHarness();
});
afterAll(async () => {
  await h.close();
});

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('ownership: the media a form submits', () => {
  it("ownership: a media ticket proves its uploader's id (Tencent, Alibaba); another caller, another id, a session or altered ticket is forbidden", async () => {
    const verify = createMediaVerifier(h.config);
    const tencent = await tencentUpload(h, 'alice');
    const aliyun = await aliyunUpload(h, 'alice');
    for (const [provider, media] of [
      ['tencent', tencent],
      ['aliyun', aliyun],
    ] as const) {
      const claim = { ticket: media.ticket, mediaId: media.mediaId, callerId: 'alice' };
      expect(verify(claim)).toEqual({ provider, mediaId: media.mediaId });
      // Bob submitting alice's id with her ticket, or alice putting another id beside her ticket.
      expect(caught(() => verify({ ...claim, callerId: 'bob' }))).toMatchObject({ code: 'forbidden' });
      expect(caught(() => verify({ ...claim, mediaId: 'not-hers' }))).toMatchObject({ code: 'forbidden' });
    }

    const applied = await h.call(
      'POST',
      '/tencent/apply-upload',
      { mediaType: 'mp4' },
      { 'x-user': 'alice' },
    );
    const session = { ticket: applied.json.ticket, mediaId: tencent.mediaId, callerId: 'alice' };
    expect(caught(() => verify(session))).toMatchObject({ code: 'forbidden', message: /finished upload/ });

    const [v, body, mac] = tencent.ticket.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const altered = Buffer.from(JSON.stringify({ ...claims, id: aliyun.mediaId })).toString('base64url');
    const forged = { ticket: `${v}.${altered}.${mac}`, mediaId: aliyun.mediaId, callerId: 'alice' };
    expect(caught(() => verify(forged))).toMatchObject({ code: 'forbidden' });
    expect(caught(() => verify({ ...forged, ticket: '' }))).toMatchObject({ code: 'forbidden' });

    // Another endpoint (other ticket secrets) did not seal it.
    const elsewhere = createMediaVerifier({
      ...h.config,
      tickets: { secrets: ['another-endpoint-secret-0123456789'] },
    });
    const honest = { ticket: tencent.ticket, mediaId: tencent.mediaId, callerId: 'alice' };
    expect(caught(() => elsewhere(honest))).toMatchObject({ code: 'forbidden' });
  });

  it('ownership: a media ticket past its lifetime (24 h) is credential_expired', async () => {
    const verify = createMediaVerifier(h.config);
    const { mediaId, ticket } = await tencentUpload(h, 'alice');
    const later = Date.now() + 25 * 60 * 60 * 1000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(caught(() => verify({ ticket, mediaId, callerId: 'alice' }))).toMatchObject({
        code: 'credential_expired',
      });
    } finally {
      vi.restoreAllMocks();
    }
  });
});
