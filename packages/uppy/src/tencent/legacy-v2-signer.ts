import { decodeTencentV2SignCos, ENDPOINT_ROUTES, vodError } from '@vod-uploader/core';
import type { EndpointClient } from '../shared/endpoint-client.js';
import type { CosRemoteSignFn } from './cos-protocol.js';

/**
 * A legacy v2 session has no temporary credential: each COS request is signed by the endpoint
 * (`/tencent/v2/sign-cos`), under the session's ticket, so it lives as long as the ticket. Without
 * a ticket nothing could be signed: the ApplyUpload answer is refused at once.
 */
export function legacyV2Signer(client: EndpointClient, ticket: string | undefined): CosRemoteSignFn {
  if (!ticket) {
    throw vodError('decode_failed', 'The endpoint answered a legacy v2 ApplyUpload without a ticket.', {
      provider: 'tencent',
      field: 'ticket',
      retryable: false,
    });
  }
  return async (request, signal) => {
    const answer = await client.post(ENDPOINT_ROUTES.tencentV2SignCos, { ...request, ticket }, signal);
    return decodeTencentV2SignCos(answer).authorization;
  };
}
