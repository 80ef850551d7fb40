import { cosBucketOfV2, cosRegionOfV2, vodError } from '@vod-uploader/core';
import { parseWith } from '../http/parse-with.js';
import { reportUploaded } from '../http/report-uploaded.js';
import { tencentV2SignCosSchema } from '../http/request-schemas.js';
import type { ProviderRoutes, RouteContext } from '../http/route-context.js';
import type { TicketClaims } from '../ownership/upload-tickets.js';
import { cosQSign } from './cos-q-sign.js';
import type { TencentProvider } from './tencent-provider.js';

/**
 * How long a signature of `/tencent/v2/sign-cos` is valid: 5 minutes, from a minute ago (clock
 * skew). It is the account key's signature, so it lives barely longer than one part takes; the
 * browser signs each request just before it (a part one round ahead) and never keeps one.
 */
export const V2_SIGNATURE_LIFETIME_SECONDS = 300;
const SIGN_SLACK_SECONDS = 60;
const DEFAULT_COS_DOMAIN = '{Bucket}.cos.{Region}.myqcloud.com';

/**
 * The COS operations a v2 session may have signed, by method and the query names they carry (any
 * other query name, e.g. `acl`, `tagging`, is another operation and refused). HeadObject reads the
 * session's own path: a no-overwrite PUT that met an object (its own first copy, resent by the browser
 * after the answer was lost) checks that object's CRC64 instead of failing.
 * @see https://cloud.tencent.com/document/product/436/7749 (PutObject), 7746 (InitiateMultipartUpload),
 *   7750 (UploadPart), 7747 (ListParts), 7742 (CompleteMultipartUpload), 7740 (AbortMultipartUpload),
 *   7745 (HeadObject)
 */
const OPERATIONS: ReadonlyArray<{
  name: string;
  method: string;
  required: readonly string[];
  optional?: readonly string[];
}> = [
  { name: 'PutObject', method: 'PUT', required: [] },
  { name: 'UploadPart', method: 'PUT', required: ['partnumber', 'uploadid'] },
  { name: 'InitiateMultipartUpload', method: 'POST', required: ['uploads'] },
  { name: 'CompleteMultipartUpload', method: 'POST', required: ['uploadid'] },
  {
    name: 'ListParts',
    method: 'GET',
    required: ['uploadid'],
    optional: ['max-parts', 'part-number-marker', 'encoding-type'],
  },
  { name: 'AbortMultipartUpload', method: 'DELETE', required: ['uploadid'] },
  { name: 'HeadObject', method: 'HEAD', required: [] },
];

/** The operations that write the object, signed only with `x-cos-forbid-overwrite: true`. */
const STORES_OBJECT = new Set(['PutObject', 'CompleteMultipartUpload']);

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
   * multipart step, the host is the session's, and only content headers are signed.
   */
  async tencentV2SignCos(context, tencent) {
    const { secretId, secretKey } = tencent.config;
    const body = parseWith(tencentV2SignCosSchema, await context.body());
    const claims = context.openTicket(body.ticket, 'tencent');
    if (claims.api !== 'v2') throw refused('ticket', 'ticket: is not the ticket of a legacy v2 session');
    const key = body.key.replace(/^\/+/, '');
    const paths = [claims.key, claims.coverKey].filter((path): path is string => !!path).map(bare);
    if (!paths.includes(key)) throw refused('key', 'key: is not a storage path of this session');
    const query = lowerKeys(body.query ?? {});
    const operation = operationOf(body.method, Object.keys(query));
    if (!operation) {
      throw refused(
        'method',
        `${body.method} with ?${Object.keys(query).join('&')}: is not an upload operation`,
      );
    }
    const headers = lowerKeys(body.headers ?? {});
    // The account key's signature binds no session state: what stores the object is signed only
    // with COS's no-overwrite condition, so no signature (this one, or one replayed after the
    // commit) can replace the object the session stored.
    if (STORES_OBJECT.has(operation) && headers['x-cos-forbid-overwrite'] !== 'true') {
      throw refused('headers', `headers: ${operation} is signed only with x-cos-forbid-overwrite: true`);
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
      query: body.query ?? {},
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

function operationOf(method: string, names: string[]): string | undefined {
  return OPERATIONS.find(
    (op) =>
      op.method === method &&
      op.required.every((name) => names.includes(name)) &&
      names.every((name) => op.required.includes(name) || op.optional?.includes(name)),
  )?.name;
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
