import { type SessionCheckResult, vodError } from '@vod-uploader/core';
import { z } from 'zod';
import type { Providers } from '../config/handler-services.js';
import { parseWith } from '../http/parse-with.js';
import type { ProviderRoute } from '../http/route-context.js';
import { providerNamedBy } from './upload-tickets.js';

const sessionCheckSchema = z.strictObject({ ticket: z.string().min(1).max(4096) });

/**
 * `POST /session/check` `{ ticket }` → `{ kind }` when the ticket is an open upload session of this
 * caller: 403 `forbidden` (field `ticket`) for another caller's, an altered one or a finished
 * upload's, `credential_expired` for an expired one, 404 when its provider is not configured. No
 * cloud call: a resumed Tencent API 3.0 or Alibaba checkpoint holds its own credential, so without
 * this question its first bytes would go into the other caller's upload before the finish refused it.
 */
export const sessionCheckRoute: ProviderRoute<Providers> = async (context, providers) => {
  const body = parseWith(sessionCheckSchema, await context.body());
  const provider = providerNamedBy(body.ticket);
  if (!providers[provider]) throw vodError('not_found', `${provider} is not configured`, { provider });
  const claims = context.openTicket(body.ticket, provider);
  if (claims.kind === 'media') {
    throw vodError('forbidden', 'ticket: is the ticket of a finished upload', { provider, field: 'ticket' });
  }
  const answer: SessionCheckResult = { kind: claims.kind };
  return answer;
};
