import type { IncomingHttpHeaders } from 'node:http';
import type { TempCredential } from '../../credentials.js';
import { ALIYUN_REGION } from '../../descriptor.js';
import type { SandboxContext } from '../../http/api-module.js';
import { ossStringToSign, parseOssAuthorization, verifyOssSignature } from '../../verifiers/oss-sign.js';
import {
  type OssV4Authorization,
  ossV4CanonicalRequest,
  ossV4StringToSign,
  parseOssV4Authorization,
  parseOssV4Query,
  verifyOssV4Signature,
} from '../../verifiers/oss-sign-v4.js';
import { OssError } from './oss-error.js';

/** Who sent an OSS request: nobody (public read), the account's own key, or an STS credential. */
export type OssPrincipal =
  | { kind: 'anonymous' }
  | { kind: 'account' }
  | { kind: 'sts'; credential: TempCredential };

/** The parts of a request the OSS V1 signature covers. */
export interface OssSignedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** `/<bucket>/<decoded key>` */
  resourcePath: string;
  query: URLSearchParams;
}

/**
 * Authenticates an OSS request signed with V1, in the `Authorization` header (`OSS id:sig`) or in the
 * query (`OSSAccessKeyId`, `Expires`, `Signature`: a presigned URL), or with V4 in the header or the
 * query (`x-oss-signature-version`).
 * Unsigned requests are anonymous.
 * The checks run in OSS's order: key id, security token, expiry, signature, request time.
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/include-signatures-in-the-authorization-header
 */
export function authenticateOss(request: OssSignedRequest, ctx: SandboxContext): OssPrincipal {
  const { headers, query } = request;
  const header = headerValue(headers, 'authorization');
  const presigned = query.get('OSSAccessKeyId');
  if (!header && query.has('x-oss-signature-version')) return authenticateV4Query(request, ctx);
  if (!header && presigned === null) return { kind: 'anonymous' };

  let accessKeyId: string;
  let signature: string;
  let date: string;
  let token: string | undefined;
  if (header) {
    if (header.startsWith('OSS4-HMAC-SHA256')) return authenticateV4(request, header, ctx);
    const parsed = parseOssAuthorization(header);
    if (!parsed) throw new OssError('InvalidArgument', 'Authorization header is invalid.');
    ({ accessKeyId, signature } = parsed);
    date = headerValue(headers, 'x-oss-date') ?? headerValue(headers, 'date') ?? '';
    token = headerValue(headers, 'x-oss-security-token');
  } else {
    accessKeyId = presigned ?? '';
    signature = query.get('Signature') ?? '';
    date = query.get('Expires') ?? '';
    token = query.get('security-token') ?? undefined;
  }

  const principal = findPrincipal(ctx, accessKeyId, token);
  const secret =
    principal.kind === 'sts' ? principal.credential.secret : ctx.descriptor.aliyun.accessKeySecret;
  const stringToSign = ossStringToSign({
    method: request.method,
    contentMd5: headerValue(headers, 'content-md5') ?? '',
    contentType: headerValue(headers, 'content-type') ?? '',
    date,
    headers,
    resourcePath: request.resourcePath,
    query,
  });
  if (!verifyOssSignature(secret, stringToSign, signature)) {
    throw signatureMismatch(accessKeyId, { StringToSign: stringToSign });
  }
  checkRequestTime(ctx, date, !header);
  return principal;
}

/**
 * Signature V4 (`OSS4-HMAC-SHA256`, what ali-oss sends with `authorizationV4: true`): the scope's date
 * must be the `x-oss-date` day and its region the sandbox's.
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/recommend-to-use-signature-version-4
 */
function authenticateV4(request: OssSignedRequest, header: string, ctx: SandboxContext): OssPrincipal {
  const auth = parseOssV4Authorization(header);
  if (!auth) throw new OssError('InvalidArgument', 'Authorization header is invalid.');
  // OSS signs no payload hash in V4: the header is required and only UNSIGNED-PAYLOAD is taken.
  if (headerValue(request.headers, 'x-oss-content-sha256') !== 'UNSIGNED-PAYLOAD') {
    throw new OssError('InvalidArgument', 'x-oss-content-sha256 must be UNSIGNED-PAYLOAD.');
  }
  const dateTime = headerValue(request.headers, 'x-oss-date') ?? '';
  const time = v4Time(auth, dateTime);
  const principal = verifyV4(
    request,
    auth,
    dateTime,
    headerValue(request.headers, 'x-oss-security-token'),
    ctx,
  );
  checkRequestTime(ctx, new Date(time).toUTCString(), false);
  return principal;
}

/**
 * A V4 presigned URL: the same signature over the query (without `x-oss-signature`), valid from
 * `x-oss-date` for `x-oss-expires` seconds (at most 7 days). A URL that is not one is refused, never
 * served as anonymous.
 */
function authenticateV4Query(request: OssSignedRequest, ctx: SandboxContext): OssPrincipal {
  const { query } = request;
  const auth = parseOssV4Query(query);
  if (query.get('x-oss-signature-version') !== 'OSS4-HMAC-SHA256' || !auth) {
    throw new OssError('InvalidArgument', 'The V4 signature parameters of the URL are invalid.');
  }
  const dateTime = query.get('x-oss-date') ?? '';
  const time = v4Time(auth, dateTime);
  const expires = query.get('x-oss-expires') ?? '';
  if (!/^\d{1,6}$/.test(expires) || Number(expires) < 1 || Number(expires) > 604_800) {
    throw new OssError('InvalidArgument', 'x-oss-expires must be between 1 and 604800 seconds.');
  }
  const signed = new URLSearchParams([...query].filter(([name]) => name !== 'x-oss-signature'));
  const principal = verifyV4(
    { ...request, query: signed },
    auth,
    dateTime,
    query.get('x-oss-security-token') ?? undefined,
    ctx,
  );
  if (time + Number(expires) * 1000 < ctx.clock.now()) {
    throw new OssError('AccessDenied', 'Request has expired.', { 'x-oss-expires': expires });
  }
  return principal;
}

/** The V4 request time: `x-oss-date` in the credential scope's day, and the scope's region the sandbox's. */
function v4Time(auth: OssV4Authorization, dateTime: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(dateTime);
  if (!match || !dateTime.startsWith(auth.date)) {
    throw new OssError(
      'AccessDenied',
      'Invalid x-oss-date, or it does not match the date of the credential scope.',
    );
  }
  if (auth.region !== ALIYUN_REGION || auth.product !== 'oss') {
    throw new OssError(
      'InvalidArgument',
      `Invalid signing region or product in the credential scope (expected ${ALIYUN_REGION}/oss).`,
    );
  }
  const [, y, mo, d, h, mi, sec] = match;
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}Z`);
}

function verifyV4(
  request: OssSignedRequest,
  auth: OssV4Authorization,
  dateTime: string,
  token: string | undefined,
  ctx: SandboxContext,
): OssPrincipal {
  const principal = findPrincipal(ctx, auth.accessKeyId, token);
  const secret =
    principal.kind === 'sts' ? principal.credential.secret : ctx.descriptor.aliyun.accessKeySecret;
  const canonical = ossV4CanonicalRequest({
    method: request.method,
    resourcePath: request.resourcePath,
    query: request.query,
    headers: request.headers,
    additionalHeaders: auth.additionalHeaders,
  });
  const stringToSign = ossV4StringToSign(dateTime, auth.region, auth.product, canonical);
  if (!verifyOssV4Signature(secret, auth, stringToSign)) {
    throw signatureMismatch(auth.accessKeyId, { CanonicalRequest: canonical, StringToSign: stringToSign });
  }
  return principal;
}

/**
 * OSS's refusal of a signature that does not verify, echoing what the sandbox signed (V4 adds the
 * canonical request) so a client can tell where its signing went another way.
 */
function signatureMismatch(
  accessKeyId: string,
  signed: { CanonicalRequest?: string; StringToSign: string },
): OssError {
  return new OssError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    { ...signed, OSSAccessKeyId: accessKeyId },
  );
}

function findPrincipal(ctx: SandboxContext, accessKeyId: string, token: string | undefined): OssPrincipal {
  if (accessKeyId === ctx.descriptor.aliyun.accessKeyId) return { kind: 'account' };
  const credential = ctx.credentials.find(accessKeyId);
  if (credential?.scope.cloud !== 'oss') {
    throw new OssError(
      'InvalidAccessKeyId',
      'The OSS Access Key Id you provided does not exist in our records.',
      {
        OSSAccessKeyId: accessKeyId,
      },
    );
  }
  const echoed = { OSSAccessKeyId: accessKeyId };
  ctx.credentials.assertUsable(credential, token, {
    wrongToken: () => new OssError('AccessDenied', 'The security token you provided is invalid.', echoed),
    expired: () =>
      new OssError('SecurityTokenExpired', 'The security token you provided has expired.', echoed),
  });
  return { kind: 'sts', credential };
}

/** A header-signed request's date must be near the sandbox clock; a presigned URL's `Expires` ahead of it. */
function checkRequestTime(ctx: SandboxContext, date: string, presigned: boolean): void {
  const now = ctx.clock.now();
  if (presigned) {
    const expires = Number(date) * 1000;
    if (!Number.isFinite(expires) || expires < now) {
      throw new OssError('AccessDenied', 'Request has expired.', { Expires: date });
    }
    return;
  }
  const time = Date.parse(date);
  if (Number.isNaN(time)) {
    throw new OssError('AccessDenied', 'Invalid date string value in Date header.', { Date: date });
  }
  if (Math.abs(time - now) > ctx.options.timestampWindowSeconds * 1000) {
    throw new OssError(
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      {
        RequestTime: date,
        ServerTime: new Date(now).toUTCString(),
      },
    );
  }
}

/** Refuses a write the principal may not make: anonymous users never; STS only to its scoped keys. */
export function authorizeOssWrite(
  ctx: SandboxContext,
  principal: OssPrincipal,
  bucket: string,
  key: string,
): void {
  if (principal.kind === 'account') return;
  if (principal.kind === 'anonymous') {
    throw new OssError('AccessDenied', 'You have no right to access this object because of bucket acl.');
  }
  if (!ctx.credentials.mayWrite(principal.credential, 'oss', bucket, key)) {
    throw new OssError(
      'AccessDenied',
      'You are not authorized to do this action. You should be authorized by RAM.',
      {
        Key: key,
      },
    );
  }
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
