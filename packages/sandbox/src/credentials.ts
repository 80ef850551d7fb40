import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import type { StateStore } from './store/state-store.js';

/** Which object store a temporary credential may write to, and which keys. */
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
 * Issues and checks temporary credentials. Expiry is read from the sandbox clock at each use, so
 * `expireAll` and clock skew act on credentials already handed out.
 */
export class CredentialRegistry {
  constructor(
    private readonly state: StateStore,
    private readonly clock: Clock,
  ) {}

  issue(scope: CredentialScope, lifetimeSeconds: number, idPrefix: string): TempCredential {
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

  mayWrite(
    credential: TempCredential,
    cloud: CredentialScope['cloud'],
    bucket: string,
    key: string,
  ): boolean {
    const { scope } = credential;
    return scope.cloud === cloud && scope.bucket === bucket && scope.keys.includes(key);
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
