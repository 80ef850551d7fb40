import { type ProviderKey, vodError } from '@vod-uploader/core';
import { resolveConfig } from '../config/resolve-config.js';
import type { VodHandlerConfig } from '../config/vod-handler-config.js';
import { expectMediaTicket, expectTicketFor, providerNamedBy, UploadTickets } from './upload-tickets.js';

/** What a form sends about the media its user uploaded (`VodMediaValue.id` and `.ticket`). */
export interface UploadedMediaClaim {
  /** The finish answer's media ticket (`VodMediaValue.ticket`). */
  ticket: string;
  /** The media id the form says it is (`VodMediaValue.id`): it must be the ticket's. */
  mediaId: string;
  /** The user who submits the form, as your `authorize` names them (`Caller.id`). */
  callerId: string;
}

/** A media the claim proved: this caller uploaded it through the endpoint. */
export interface VerifiedMedia {
  provider: ProviderKey;
  mediaId: string;
}

/**
 * A checker for the media id a form submits (a CMS field's value): it holds only when the ticket
 * beside it is the finish ticket of that media, sealed by an endpoint with this config for this
 * caller, and not expired. Without it a user can submit any media id he has seen, another user's
 * included. Throws `forbidden` (forged, altered, another caller's, another media's, not a finished
 * upload's ticket) or `credential_expired` (past the ticket's lifetime, 24 h by default). No cloud
 * call and no state: every instance with the same ticket secrets agrees.
 * @example
 * const verifyMedia = createMediaVerifier(config);
 * const { mediaId } = verifyMedia({ ticket: form.videoTicket, mediaId: form.video, callerId: user.id });
 */
export function createMediaVerifier(config: VodHandlerConfig): (claim: UploadedMediaClaim) => VerifiedMedia {
  const tickets = new UploadTickets(resolveConfig(config).tickets);
  return ({ ticket, mediaId, callerId }) => {
    if (typeof ticket !== 'string' || !ticket) {
      throw vodError('forbidden', 'ticket: missing; the upload answer carries one', { field: 'ticket' });
    }
    const provider = providerNamedBy(ticket);
    const claims = tickets.open(ticket, callerId, provider, Date.now());
    expectMediaTicket(claims, provider);
    expectTicketFor(claims, { kind: 'media', id: mediaId }, provider);
    return { provider, mediaId };
  };
}
