import { createHmac } from 'node:crypto';

/**
 * Marks cloud tasks with their caller, without state: a URL import carries a keyed hash of the
 * caller id (Tencent `SessionContext`, Alibaba `UserData.Extend`), and its status is shown only to a
 * caller whose hash matches. The key derives from the provider's secret, so every instance agrees.
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
}
