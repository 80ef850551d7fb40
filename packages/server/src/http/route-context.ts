import type { EndpointSuccess, ProviderKey } from '@vod-uploader/core';
import type { Caller } from '../config/caller.js';
import type { UploadedEvent } from '../config/vod-handler-config.js';
import type { TicketClaims } from '../ownership/upload-tickets.js';
import type { ResolvedPolicy } from '../policy/upload-policy.js';
import type { PrepareUploadFn } from '../prepare-upload/prepare-upload.js';
import type { ServerRouteName } from './server-routes.js';

/** What a route handler gets: the caller `authorize` returned, the path id and a lazy body reader. */
export interface RouteContext {
  request: Request;
  caller: Caller;
  /** The `:id` of `GET …/tasks/:id` and `GET …/url-import/:jobId`. */
  id: string | undefined;
  /** Reads and parses the JSON body (at most once). */
  body(): Promise<Record<string, unknown>>;
  /** What the server accepts (extensions, sizes, client fields, URL-import hosts). */
  policy: ResolvedPolicy;
  /** The app's per-request parameter hook, if any. */
  prepareUpload: PrepareUploadFn | undefined;
  /** Reports a committed media to `onUploaded`, once per media id. */
  uploaded(event: UploadedEvent): Promise<void>;
  /**
   * With `onMediaEvent`: this caller's id sealed for the cloud, which a Tencent upload carries (its
   * contexts) so the media's events name their caller; else undefined.
   */
  sealedCaller(): string | undefined;
  /**
   * With `onMediaEvent`: records this caller as the owner of a media the route just had the cloud
   * create, which is how an Alibaba callback (unsigned body) learns its caller; a no-op without.
   */
  rememberOwner(provider: 'aliyun', mediaId: string): Promise<void>;
  /**
   * Rejects with `store_unavailable` when `onUploaded` is set and the shared store does not answer;
   * checked before a step the cloud takes only once, so its report is not lost.
   */
  canReportUploads(): Promise<void>;
  /** See `HandlerServices.canRememberOwners`. */
  canRememberOwners(): Promise<void>;
  /** Tells the app's `onError` of a failure of best-effort work, which the answer does not carry. */
  reportError(error: unknown): void;
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

/**
 * One route of a provider: gets the request's context and the provider's side (its config, cloud
 * layer and memories: `P`), and returns the raw cloud result that becomes `{ result }`, or throws a
 * `VodUploadError`.
 */
export type ProviderRoute<P> = (context: RouteContext, provider: P) => Promise<unknown>;

/** One provider's routes by name, each receiving that provider's side `P`. */
export type ProviderRoutes<P> = Partial<Record<ServerRouteName, ProviderRoute<P>>>;
