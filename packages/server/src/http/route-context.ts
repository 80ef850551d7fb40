import type { EndpointSuccess, ProviderKey } from '@vod-uploader/core';
import type { Caller } from '../config/caller.js';
import type { ResolvedConfig } from '../config/resolve-config.js';
import type { TicketClaims } from '../ownership/upload-tickets.js';

/** What a route handler gets: the caller `authorize` returned, the path id and a lazy body reader. */
export interface RouteContext {
  request: Request;
  caller: Caller;
  /** The `:id` of `GET …/tasks/:id` and `GET …/url-import/:jobId`. */
  id: string | undefined;
  /** Reads and parses the JSON body (at most once). */
  body(): Promise<Record<string, unknown>>;
  config: ResolvedConfig;
  /** Epoch ms when the request arrived. */
  now: number;
  /** Fields a route adds to its answer's envelope, beside `result` and `serverTime`. */
  envelope: Omit<Partial<EndpointSuccess<unknown>>, 'result' | 'serverTime'>;
  /** Seals `claims` for this caller; the answer carries the ticket beside `result`. */
  issueTicket(claims: TicketClaims): void;
  /**
   * Opens the `ticket` of a later call of a session: refuses (before any cloud call) a ticket that
   * is missing, forged, expired, of another caller or of another provider.
   */
  openTicket(ticket: string, provider: ProviderKey): TicketClaims;
}

/** One route: returns the raw cloud result that becomes `{ result }`, or throws a `VodUploadError`. */
export type RouteFn = (context: RouteContext) => Promise<unknown>;
