import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import type { StateStore } from './store/state-store.js';

/**
 * Which cloud API a temporary credential may call, and which keys it may write. Each API checks
 * `cloud` before anything else, as the clouds' policies do: a COS TempCertificate is unknown to
 * VOD API 3.0, an OSS UploadAuth is `Forbidden.RAM` on the VOD RPC API.
 */
export interface CredentialScope {
  cloud: 'cos' | 'oss' | 's3';
  bucket: string;
  /** Exact object keys this credential may write (no leading slash). */
  keys: string[];
}

/** A temporary credential (Tencent TempCertificate, Alibaba STS UploadAuth). */
export interface TempCredential {
  id: string;
  secret: string;
  token: string;
  /** Epoch ms at which the credential stops working. */
  expiresAt: number;
  scope: CredentialScope;
}

const COLLECTION = 'credentials';
/**
 * How long an expired credential is kept (sandbox clock): long enough to answer "expired" rather
 * than "unknown key" to a client still holding it, short enough that state.json stops growing.
 */
const KEEP_EXPIRED_MS = 60 * 60 * 1000;
/** Pruning scans every credential, so it runs at most this often. */
const PRUNE_EVERY_MS = 60 * 1000;

/**
 * Issues and checks temporary credentials. Expiry is read from the sandbox clock at each use, so
 * `expireAll` and clock skew act on credentials already handed out.
 */
export class CredentialRegistry {
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly state: StateStore,
    private readonly clock: Clock,
  ) {}

  issue(scope: CredentialScope, lifetimeSeconds: number, idPrefix: string): TempCredential {
    this.prune();
    const credential: TempCredential = {
      id: `${idPrefix}${randomBytes(12).toString('hex').toUpperCase()}`,
      secret: randomBytes(24).toString('base64url'),
      token: randomBytes(48).toString('base64url'),
      expiresAt: this.clock.now() + lifetimeSeconds * 1000,
      scope,
    };
    return this.state.put(COLLECTION, credential.id, credential);
  }

  find(id: string): TempCredential | undefined {
    return this.state.get<TempCredential>(COLLECTION, id);
  }

  isExpired(credential: TempCredential): boolean {
    return this.clock.now() >= credential.expiresAt;
  }

  /**
   * Refuses a credential presented with another session token, then one expired: the order every
   * cloud the sandbox plays checks them in. Each cloud supplies its own refusals. `token` is as
   * presented (absent, or a repeated header's array): only the credential's own string passes.
   */
  assertUsable(
    credential: TempCredential,
    token: unknown,
    refuse: { wrongToken: () => Error; expired: () => Error },
  ): void {
    if (token !== credential.token) throw refuse.wrongToken();
    if (this.isExpired(credential)) throw refuse.expired();
  }

  mayWrite(
    credential: TempCredential,
    cloud: CredentialScope['cloud'],
    bucket: string,
    key: string,
  ): boolean {
    const { scope } = credential;
    return scope.cloud === cloud && scope.bucket === bucket && scope.keys.includes(key);
  }

  /** Forgets credentials expired more than `KEEP_EXPIRED_MS` ago. */
  prune(): void {
    const now = this.clock.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    for (const credential of this.state.list<TempCredential>(COLLECTION)) {
      if (credential.expiresAt + KEEP_EXPIRED_MS < now) this.state.delete(COLLECTION, credential.id);
    }
  }

  /** Fault injection: every credential handed out so far expires now. */
  expireAll(): void {
    const now = this.clock.now();
    for (const credential of this.state.list<TempCredential>(COLLECTION)) {
      if (credential.expiresAt > now)
        this.state.put(COLLECTION, credential.id, { ...credential, expiresAt: now - 1 });
    }
  }
}
