import { cosBucketOfV2, cosRegionOfV2, vodError } from '@vod-uploader/core';
import { parseWith } from '../http/parse-with.js';
import { reportUploaded } from '../http/report-uploaded.js';
import { tencentV2SignCosSchema } from '../http/request-schemas.js';
import type { ProviderRoutes, RouteContext } from '../http/route-context.js';
import type { TicketClaims } from '../ownership/upload-tickets.js';
import { cosQSign } from './cos-q-sign.js';
import { cosV2OperationOf } from './cos-v2-operation.js';
import type { TencentProvider } from './tencent-provider.js';

/**
 * How long a signature of `/tencent/v2/sign-cos` is valid: 5 minutes, from a minute ago (clock
 * skew). It is the account key's signature, so it lives barely longer than one part takes; the
 * browser signs each request just before it (a part one round ahead) and never keeps one.
 */
export const V2_SIGNATURE_LIFETIME_SECONDS = 300;
const SIGN_SLACK_SECONDS = 60;
const DEFAULT_COS_DOMAIN = '{Bucket}.cos.{Region}.myqcloud.com';

/** Headers a signed request may carry: content headers and object metadata, never copy/ACL ones. */
const SIGNABLE_HEADERS = new Set([
  'host',
  'content-type',
  'content-length',
  'content-md5',
  'content-disposition',
  'content-encoding',
  'cache-control',
  'expires',
  'expect',
  'x-cos-storage-class',
  'x-cos-forbid-overwrite',
]);

/** The route of the legacy v2 API that API 3.0 does not need. */
export const tencentV2Routes: ProviderRoutes<TencentProvider> = {
  /**
   * Signs one COS request of a v2 session with the account key, after checking that the ticket is
   * the caller's v2 session, the key is one of its two storage paths, the request is PutObject or a
   * multipart step with well-formed query values under COS's own names (`cosV2OperationOf`), a PUT
   * or Complete carries COS's no-overwrite condition, the host is the session's, and only content
   * headers are signed.
   */
  async tencentV2SignCos(context, tencent) {
    const { secretId, secretKey } = tencent.config;
    const body = parseWith(tencentV2SignCosSchema, await context.body());
    const claims = context.openTicket(body.ticket, 'tencent');
    if (claims.api !== 'v2') throw refused('ticket', 'ticket: is not the ticket of a legacy v2 session');
    const key = body.key.replace(/^\/+/, '');
    const paths = [claims.key, claims.coverKey].filter((path): path is string => !!path).map(bare);
    if (!paths.includes(key)) throw refused('key', 'key: is not a storage path of this session');
    const query = body.query ?? {};
    const operation = cosV2OperationOf(body.method, query);
    const headers = lowerKeys(body.headers ?? {});
    // The account key's signature binds no session state: what could store the object is signed
    // only with COS's no-overwrite condition, so no signature (this one, one replayed after the
    // commit, or one sent with its query names in another case) can replace the object the session
    // stored.
    if (operation.storesObject && headers['x-cos-forbid-overwrite'] !== 'true') {
      throw refused('headers', `headers: ${operation.name} is signed only with x-cos-forbid-overwrite: true`);
    }
    for (const name of Object.keys(headers)) {
      if (!SIGNABLE_HEADERS.has(name) && !name.startsWith('x-cos-meta-')) {
        throw refused('headers', `headers: ${name} may not be signed`);
      }
    }
    if (!headers.host || headers.host !== claims.cosHost) {
      throw refused('headers', 'headers: host must be signed and be the session bucket host');
    }
    const now = Math.floor(context.now / 1000);
    const startTime = now - SIGN_SLACK_SECONDS;
    const expiredTime = now + V2_SIGNATURE_LIFETIME_SECONDS;
    const authorization = cosQSign({
      secretId,
      secretKey,
      method: body.method,
      pathname: `/${key}`,
      query,
      headers,
      start: startTime,
      end: expiredTime,
    });
    return { authorization, startTime, expiredTime };
  },
};

/**
 * Answers a successful v2 `ApplyUpload`: issues the ticket of the session (its `vodSessionKey`,
 * both storage paths, the COS host, `api: 'v2'`) and returns the v2 JSON with one field added,
 * `appId` (the configured `legacyV2.appId`), which the browser's decoder needs to name the bucket.
 */
export function answerApplyUploadV2(
  context: RouteContext,
  tencent: TencentProvider,
  v2: Record<string, unknown>,
  declaredSize: number | undefined,
): Record<string, unknown> {
  const { legacyV2, cosDomain } = tencent.config;
  const appId = legacyV2?.appId ?? '';
  const vodSessionKey = v2.vodSessionKey;
  if (typeof vodSessionKey !== 'string' || !vodSessionKey) return v2;
  const claims: TicketClaims = { provider: 'tencent', kind: 'video', id: vodSessionKey, api: 'v2' };
  const mediaPath = storagePathOf(v2.video);
  const coverPath = storagePathOf(v2.cover);
  if (mediaPath) claims.key = mediaPath;
  if (coverPath) claims.coverKey = coverPath;
  if (declaredSize !== undefined) claims.declaredSize = declaredSize;
  const region = typeof v2.storageRegion === 'string' ? cosRegionOfV2(v2.storageRegion) : undefined;
  if (typeof v2.storageBucket === 'string' && region) {
    const domain = (cosDomain ?? DEFAULT_COS_DOMAIN)
      .replace(/\{Bucket\}/g, cosBucketOfV2(v2.storageBucket, appId))
      .replace(/\{Region\}/g, region);
    claims.cosHost = domain.replace(/^[a-z]+:\/\//i, '').split('/')[0];
  }
  context.issueTicket(claims);
  return { ...v2, appId };
}

/**
 * Commits a v2 session with v2 `CommitUpload`, then `checkSize(fileId)` (the commit route's stored
 * size check, which deletes a media of another size than declared and throws), once per session
 * (`commits`: a repeat gets the first answer), and fires `onUploaded` with its `fileId`.
 */
export async function commitUploadV2(
  context: RouteContext,
  tencent: TencentProvider,
  vodSessionKey: string,
  checkSize: (fileId: string) => Promise<void>,
): Promise<unknown> {
  const { cloud } = tencent;
  if (!cloud.commitUploadV2) {
    throw vodError('config_invalid', 'tencent: this TencentCloud cannot commit legacy v2 sessions', {
      provider: 'tencent',
      retryable: false,
    });
  }
  const commitV2 = cloud.commitUploadV2.bind(cloud);
  const result = await tencent.commits.run(vodSessionKey, async () => {
    const committed = await commitV2(vodSessionKey);
    if (typeof committed.fileId === 'string' && committed.fileId) await checkSize(committed.fileId);
    return committed;
  });
  const fileId = result.fileId;
  if (typeof fileId === 'string' && fileId) {
    const url = (result.video as { url?: unknown } | undefined)?.url;
    await reportUploaded(context, { provider: 'tencent', kind: 'video', mediaId: fileId }, result, url);
  }
  return result;
}

/** `video.storagePath`, or the first entry's when the cloud sends the documentation table's array. */
function storagePathOf(value: unknown): string | undefined {
  const entry = Array.isArray(value) ? value[0] : value;
  const path = (entry as { storagePath?: unknown } | undefined)?.storagePath;
  return typeof path === 'string' && path ? path : undefined;
}

function lowerKeys(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) out[name.toLowerCase()] = value;
  return out;
}

function bare(path: string): string {
  return path.replace(/^\/+/, '');
}

function refused(field: string, message: string) {
  return vodError('forbidden', message, { provider: 'tencent', field });
}
