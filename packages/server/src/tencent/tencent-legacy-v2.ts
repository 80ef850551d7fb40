import { createHmac, randomInt } from 'node:crypto';
import { CloudCallError } from '../cloud/cloud-call-error.js';
import type { TencentConfig } from './tencent-config.js';

/**
 * Calls one action of the legacy v2 API, `ApplyUpload` or `CommitUpload` (no SDK exists for v2 any
 * more), and resolves with its JSON when `code` is 0. Signature v2: HMAC-SHA1 over
 * `POST<host><path>?<params sorted, raw values>`, base64.
 * @see https://cloud.tencent.com/document/product/266/1967 (v2 ApplyUpload, archived)
 * v2 CommitUpload takes `vodSessionKey` and answers `{ code, message, fileId, video: { url },
 * cover: { url } }` (the archived v2 documents, as summarised in the seed; no stored copy was found).
 * @see https://cloud.tencent.com/document/api/213/6984 (v2 signature)
 */
export async function callTencentV2(
  config: TencentConfig,
  url: string,
  action: 'ApplyUpload' | 'CommitUpload',
  params: Record<string, string | number>,
): Promise<Record<string, unknown>> {
  const target = new URL(url);
  const all: Record<string, string> = {
    Action: action,
    Region: config.region,
    Timestamp: String(Math.floor(Date.now() / 1000)),
    Nonce: String(randomInt(1, 2 ** 31 - 1)),
    SecretId: config.secretId,
    SignatureMethod: 'HmacSHA1',
  };
  for (const [key, value] of Object.entries(params)) all[key] = String(value);
  const sorted = Object.keys(all)
    .sort()
    .map((key) => `${key}=${all[key]}`)
    .join('&');
  all.Signature = createHmac('sha1', config.secretKey)
    .update(`POST${target.host}${target.pathname}?${sorted}`)
    .digest('base64');

  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(all).toString(),
      signal: AbortSignal.timeout((config.timeoutSeconds ?? 30) * 1000),
    });
  } catch (error) {
    throw new CloudCallError('tencent', 'Tencent VOD (v2) could not be reached', { cause: error });
  }
  let json: Record<string, unknown>;
  try {
    json = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    throw new CloudCallError('tencent', `Tencent VOD (v2) answered HTTP ${response.status} without JSON`, {
      httpStatus: response.status >= 500 ? response.status : 502,
      cause: error,
    });
  }
  const code = Number(json.code);
  if (code !== 0) {
    throw new CloudCallError('tencent', String(json.message ?? 'Tencent VOD (v2) refused the request'), {
      cloudCode: Number.isFinite(code) ? String(code) : undefined,
      requestId: typeof json.requestId === 'string' ? json.requestId : undefined,
      httpStatus: response.status,
    });
  }
  return json;
}
