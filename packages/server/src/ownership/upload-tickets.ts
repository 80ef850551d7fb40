import { createHmac, timingSafeEqual } from 'node:crypto';
import { isProviderKey, type ProviderKey, vodError } from '@vod-uploader/core';

/**
 * Default lifetime of a ticket: 24 h. A ticket must outlive its session: an Alibaba video refreshes
 * its credential for as long as the upload runs, a Tencent session cannot be committed after its
 * temporary certificate died anyway (and that certificate lives far less than a day), and the
 * browser's resume checkpoint is kept 24 h at most. Longer would only keep old tickets usable.
 */
export const DEFAULT_TICKET_TTL_SECONDS = 24 * 60 * 60;

/** What one upload session is, as the route that opened it decided. */
export interface TicketClaims {
  provider: ProviderKey;
  /** `media`: a finished upload whose processing `POST /media/status` reads. */
  kind: 'video' | 'image' | 'object' | 'media';
  /**
   * Alibaba `VideoId`/`ImageId`, Tencent `VodSessionKey`, or the S3 object key; for `media` the
   * media id (Tencent `FileId`, Alibaba `VideoId`, S3 key).
   */
  id: string;
  /** `media`, Tencent: the procedure's TaskId when the finish answer named one (a pull's). */
  taskId?: string;
  /** Tencent: `MediaStoragePath`; absent elsewhere (the id is the key). */
  key?: string;
  /** Tencent: `CoverStoragePath` when the session has a cover. */
  coverKey?: string;
  /**
   * Tencent: the `SubAppId` the session was applied under when `prepareUpload` chose one, so its
   * commit (and the size check after it) goes to the same sub-application.
   */
  subAppId?: number;
  /** The size the caller declared when the session was opened, bytes. */
  declaredSize?: number;
  /** S3: the content type the PUT/create was signed with. */
  contentType?: string;
  /** S3 multipart: the part size the caller declared on create. */
  partSize?: number;
  /**
   * Tencent: `v2` for a legacy v2 session, whose COS requests the endpoint signs
   * (`/tencent/v2/sign-cos`) and whose commit is v2 CommitUpload; absent for API 3.0.
   */
  api?: 'v2';
  /** Tencent v2: the COS host the session's requests go to (the only host the endpoint signs for). */
  cosHost?: string;
}

/** An opened ticket: its claims, its owner (as a keyed hash) and its expiry (epoch seconds). */
interface TicketPayload extends TicketClaims {
  v: 1;
  caller: string;
  exp: number;
}

/** Options of {@link UploadTickets}. */
export interface UploadTicketsOptions {
  /** The first seals new tickets; every one opens tickets (so a secret can be rotated). */
  secrets: readonly string[];
  ttlSeconds?: number;
}

/**
 * Issues and opens sealed upload tickets: `v1.<base64url JSON>.<base64url HMAC-SHA256>`. A ticket
 * binds one upload session (provider, kind, ids, declared size) to the caller who opened it, so any
 * number of instances that share a secret can check, with no state, that a refresh, sign, commit or
 * complete comes from that caller for that session. The payload is readable (it holds only ids the
 * caller already has, and a keyed hash of the caller id, never the id itself), not changeable.
 */
export class UploadTickets {
  private readonly keys: readonly Buffer[];
  readonly ttlSeconds: number;

  constructor(options: UploadTicketsOptions) {
    if (options.secrets.length === 0) throw new Error('UploadTickets needs at least one secret');
    this.keys = options.secrets.map((secret) =>
      createHmac('sha256', secret).update('vod-uploader/upload-ticket/v1').digest(),
    );
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_TICKET_TTL_SECONDS;
  }

  /** Seals `claims` for `callerId`, valid `ttlSeconds` from `now` (epoch ms). */
  issue(callerId: string, claims: TicketClaims, now: number): string {
    const key = this.keys[0]!;
    const payload: TicketPayload = {
      v: 1,
      caller: callerHash(key, callerId),
      ...claims,
      exp: Math.floor(now / 1000) + this.ttlSeconds,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `v1.${body}.${mac(key, body).toString('base64url')}`;
  }

  /**
   * Opens a ticket of `callerId` for `provider`, or throws before any cloud call: `forbidden` (403)
   * for a ticket this server did not seal, that was altered, or that belongs to another caller or
   * provider; `credential_expired` (403, not retryable: the session must start again) for an
   * expired one.
   */
  open(ticket: string, callerId: string, provider: ProviderKey, now: number): TicketClaims {
    const parts = ticket.split('.');
    if (parts.length !== 3 || parts[0] !== 'v1')
      throw notOurs('is not an upload ticket of this server', provider);
    const [, body, signature] = parts as [string, string, string];
    const given = Buffer.from(signature, 'base64url');
    const key = this.keys.find((candidate) => {
      const expected = mac(candidate, body);
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!key) throw notOurs('is not an upload ticket of this server', provider);
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TicketPayload;
    const owner = Buffer.from(callerHash(key, callerId));
    const claimed = Buffer.from(String(payload.caller));
    if (owner.length !== claimed.length || !timingSafeEqual(owner, claimed)) {
      throw notOurs('belongs to another caller', provider);
    }
    if (payload.v !== 1 || payload.provider !== provider)
      throw notOurs(`is not a ticket of ${provider}`, provider);
    if (typeof payload.exp !== 'number' || payload.exp * 1000 <= now) {
      throw vodError('credential_expired', 'ticket: expired; start the upload again', {
        provider,
        field: 'ticket',
        retryable: false,
      });
    }
    const { v: _v, caller: _caller, exp: _exp, ...claims } = payload;
    return claims;
  }
}

/**
 * Refuses a request whose ids are not the ticket's: the caller holds a valid ticket, but of
 * another session.
 */
export function expectTicketFor(
  claims: TicketClaims,
  expected: Pick<TicketClaims, 'kind' | 'id'>,
  provider: ProviderKey,
): void {
  if (claims.kind !== expected.kind || claims.id !== expected.id) {
    throw vodError('forbidden', `ticket: is not the ticket of this ${expected.kind}`, {
      provider,
      field: 'ticket',
    });
  }
}

/** Refuses a ticket that is not a finished upload's (`media`): a session's ticket reads no media. */
export function expectMediaTicket(claims: TicketClaims, provider: ProviderKey): void {
  if (claims.kind !== 'media') {
    throw vodError('forbidden', 'ticket: is not the ticket of a finished upload', {
      provider,
      field: 'ticket',
    });
  }
}

/**
 * The provider a ticket says it is of, to open it with (`open` then refuses a forged or altered
 * one); `tencent` when it names none, which `open` refuses too.
 */
export function providerNamedBy(ticket: string): ProviderKey {
  try {
    const claimed = JSON.parse(Buffer.from(ticket.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      provider?: unknown;
    };
    if (isProviderKey(claimed.provider)) return claimed.provider;
  } catch {
    // Not ours: open refuses it.
  }
  return 'tencent';
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

function callerHash(key: Buffer, callerId: string): string {
  return createHmac('sha256', key).update(`caller\n${callerId}`).digest('base64url').slice(0, 22);
}

function notOurs(why: string, provider: ProviderKey) {
  return vodError('forbidden', `ticket: ${why}`, { provider, field: 'ticket' });
}
