import { codeForCloudCode, vodError } from '@vod-uploader/core';
import { CloudCallError } from '../cloud/cloud-call-error.js';

/**
 * The `catch` of a Tencent `PullUpload` call: turns the cloud's duplicate-`SessionId` refusal (what
 * core's one table classifies `already_imported`) into a typed `already_imported` (HTTP 409) that says why, and rethrows anything else. The endpoint derives `SessionId` from the caller, link, name and
 * attempt, and Tencent refuses a repeated one for 3 days, so a repeat after the in-process window
 * (10 minutes) lands here. The earlier task cannot be handed back: `DescribeTaskDetail` takes a
 * TaskId only, and no API finds a task by SessionId, so a second process (or a restart) knows
 * nothing of it. Saying so plainly beats "the video service refused the upload"; importing it anew is
 * a new try (`attempt` + 1, a new SessionId).
 * @see https://www.tencentcloud.com/document/api/266/34130 (PullUpload `SessionId`: 3-day dedup)
 */
export function refuseRepeatedImport(error: unknown): never {
  const cloudCode = error instanceof CloudCallError ? error.details.cloudCode : undefined;
  if (
    !(error instanceof CloudCallError) ||
    !cloudCode ||
    codeForCloudCode(cloudCode, 'tencent') !== 'already_imported'
  ) {
    throw error;
  }
  throw vodError(
    'already_imported',
    'mediaUrl: this caller imported this link (same name and attempt) in the last 3 days; Tencent ' +
      'refused the repeated SessionId and the earlier task cannot be looked up. Send attempt + 1 to import it again.',
    {
      provider: 'tencent',
      field: 'mediaUrl',
      cloudCode,
      ...(error.details.requestId ? { requestId: error.details.requestId } : {}),
      cause: error,
    },
  );
}
