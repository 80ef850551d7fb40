import { createHash } from 'node:crypto';

/**
 * A dedup id for a URL import, the same for the same caller, URL, name and attempt: a double submit then
 * reaches the cloud with the same `SessionId` (Tencent dedups for 3 days) or the same in-process
 * key (Alibaba has no such field). 42 characters, within Tencent's 50.
 * @see https://cloud.tencent.com/document/api/266/35575 (PullUpload `SessionId`)
 */
export function deriveSessionId(callerId: string, mediaUrl: string, mediaName = '', attempt = 1): string {
  // Attempt 1 hashes as before, so ids handed out before retries existed keep deduplicating.
  const retry = attempt > 1 ? `\n${attempt}` : '';
  const hash = createHash('sha256').update(`${callerId}\n${mediaUrl}\n${mediaName}${retry}`).digest('hex');
  return `vu${hash.slice(0, 40)}`;
}
