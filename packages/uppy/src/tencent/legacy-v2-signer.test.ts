import { ENDPOINT_ROUTES } from '@vod-uploader/core';
import { describe, expect, it } from 'vitest';
import type { EndpointClient } from '../shared/endpoint-client.js';
import { legacyV2Signer } from './legacy-v2-signer.js';

/** A client that records what it was asked to post and answers like the endpoint's sign route. */
function recordingClient(answer: unknown) {
  const posted: { route: string; body: unknown }[] = [];
  const client = {
    post: async (route: string, body: unknown) => {
      posted.push({ route, body });
      return answer;
    },
  } as unknown as EndpointClient;
  return { client, posted };
}

describe('legacy v2: the COS signer', () => {
  it('asks the endpoint to sign each request under the session ticket and returns its signature', async () => {
    const authorization = 'q-sign-algorithm=sha1&q-ak=AKID&q-signature=abc';
    const { client, posted } = recordingClient({ authorization, startTime: 1, expiredTime: 2 });
    const sign = legacyV2Signer(client, 'ticket-1');
    const request = { method: 'PUT', key: 'f0/video.mp4', query: { partNumber: '1' } } as const;
    expect(await sign(request)).toBe(authorization);
    expect(posted).toEqual([
      { route: ENDPOINT_ROUTES.tencentV2SignCos, body: { ...request, ticket: 'ticket-1' } },
    ]);
  });

  it('refuses a session without a ticket at once (decode_failed), asking the endpoint nothing', () => {
    const { client, posted } = recordingClient({});
    expect(() => legacyV2Signer(client, undefined)).toThrow(
      expect.objectContaining({ code: 'decode_failed', field: 'ticket' }),
    );
    expect(posted).toEqual([]);
  });

  it('refuses an answer that is not a COS q-sign signature (decode_failed)', async () => {
    const { client } = recordingClient({ authorization: 'Bearer x', startTime: 1, expiredTime: 2 });
    await expect(legacyV2Signer(client, 'ticket-1')({ method: 'GET', key: 'k' })).rejects.toMatchObject({
      code: 'decode_failed',
    });
  });
});
