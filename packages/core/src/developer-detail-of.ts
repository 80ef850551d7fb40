import type { VodUploadErrorJSON } from './errors.js';

/**
 * One line for developers and support about an error: its code, provider, the cloud's code, the
 * field at fault, the request id and the developer message. It is what the person at the screen is
 * not shown (`userMessageOf` gives them a sentence), so it is the thing to log or attach to a ticket.
 *
 * @example
 * developerDetailOf(error)
 * // 'cloud_refused (tencent) · cloud code InvalidParameterValue.MediaType · request id r-1 · MediaType is invalid'
 */
export function developerDetailOf(
  error: Pick<VodUploadErrorJSON, 'code' | 'message' | 'provider' | 'cloudCode' | 'field' | 'requestId'>,
): string {
  const parts = [error.provider ? `${error.code} (${error.provider})` : error.code];
  if (error.cloudCode) parts.push(`cloud code ${error.cloudCode}`);
  if (error.field) parts.push(`field ${error.field}`);
  if (error.requestId) parts.push(`request id ${error.requestId}`);
  if (error.message) parts.push(error.message);
  return parts.join(' · ');
}
