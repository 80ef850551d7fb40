import { createHmac } from 'node:crypto';

/**
 * Marks cloud tasks with their caller, without state: a URL import carries a keyed hash of the
 * caller id (Tencent: in `SessionId`, the server's own dedup id; Alibaba: `UserData.Extend.
 * vodUploaderCaller`, beside the app's keys), and its status is shown only to a caller whose hash
 * matches. `SessionContext` and the rest of `UserData` stay the app's (`prepareUpload`). The key
 * derives from the provider's secret, so every instance agrees.
 */
export class CallerTags {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('vod-uploader/caller-tag/v1').digest();
  }

  /** `vu1-` and 32 hex digits. */
  tag(callerId: string): string {
    return `vu1-${createHmac('sha256', this.key).update(callerId).digest('hex').slice(0, 32)}`;
  }

  /**
   * A PullUpload `SessionId` (≤ 50 characters) carrying the caller: `vc1-`, 16 hex digits of the
   * caller's tag, `-`, 28 hex digits of `dedupId` (from `deriveSessionId`). 64 keyed bits cannot be
   * guessed for another caller; 112 bits of the dedup hash keep distinct imports apart.
   * @see https://cloud.tencent.com/document/api/266/35575 (`SessionId`, dedup within 3 days)
   */
  sessionId(callerId: string, dedupId: string): string {
    return `${this.sessionPrefix(callerId)}${dedupId.replace(/^vu/, '').slice(0, 28)}`;
  }

  /** Whether a `SessionId` of {@link sessionId} was made for this caller. */
  ownsSessionId(callerId: string, sessionId: unknown): boolean {
    return typeof sessionId === 'string' && sessionId.startsWith(this.sessionPrefix(callerId));
  }

  private sessionPrefix(callerId: string): string {
    return `vc1-${this.tag(callerId).slice(4, 20)}-`;
  }
}
