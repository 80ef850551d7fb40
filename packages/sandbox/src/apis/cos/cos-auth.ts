import type { TempCredential } from '../../credentials.js';
import type { ApiRequest, SandboxContext } from '../../http/api-module.js';
import { cosSignTimeRefusal, parseCosAuthorization, verifyCosSignature } from '../../verifiers/cos-sign.js';
import { findV2SessionOfPath } from '../tencent-vod/upload-session.js';
import { CosError } from './cos-error.js';

/** Who signed a COS request. */
export type CosCaller =
  | { kind: 'anonymous' }
  /** The account's permanent SecretId/SecretKey (what legacy v2 sessions upload with). */
  | { kind: 'account' }
  /** A TempCertificate from ApplyUpload, with its `x-cos-security-token`. */
  | { kind: 'temporary'; credential: TempCredential };

const QUERY_AUTH_FIELDS = [
  'q-sign-algorithm',
  'q-ak',
  'q-sign-time',
  'q-key-time',
  'q-header-list',
  'q-url-param-list',
  'q-signature',
];

/**
 * Authenticates a COS request signed in the `Authorization` header or in the query string.
 * The path may be signed as `/<key>` (what the SDKs sign with `Domain: '127.0.0.1:PORT/{Bucket}'`) or
 * as `/<bucket>/<key>` (path-style clients).
 */
export function authenticateCos(
  request: ApiRequest,
  ctx: SandboxContext,
  bucket: string,
  key: string,
): CosCaller {
  const { req, url } = request;
  const fromQuery = !req.headers.authorization && url.searchParams.has('q-signature');
  const raw = fromQuery
    ? QUERY_AUTH_FIELDS.map((name) => `${name}=${url.searchParams.get(name) ?? ''}`).join('&')
    : req.headers.authorization;
  if (!raw) return { kind: 'anonymous' };
  const auth = parseCosAuthorization(raw);
  if (!auth) throw new CosError('AccessDenied', 'The Authorization is not a valid q-sign signature.');

  const { tencent } = ctx.descriptor;
  const credential =
    auth.accessKeyId === tencent.secretId ? undefined : ctx.credentials.find(auth.accessKeyId);
  if (auth.accessKeyId !== tencent.secretId && credential?.scope.cloud !== 'cos') {
    throw new CosError('InvalidAccessKeyId', 'The SecretId you provided does not exist.');
  }

  // COS's own words: cos-js-sdk-v5 recognises exactly these two answers as a clock problem.
  const refusal = cosSignTimeRefusal(
    auth,
    Math.floor(ctx.clock.now() / 1000),
    ctx.options.timestampWindowSeconds,
  );
  if (refusal === 'expired') throw new CosError('AccessDenied', 'Request has expired');
  if (refusal === 'malformed') {
    throw new CosError('AccessDenied', 'The Authorization is not a valid q-sign signature.');
  }
  if (refusal === 'too-early') {
    throw new CosError(
      'RequestTimeTooSkewed',
      'The difference between the request time and the server time is too large.',
    );
  }

  const secretKey = credential ? credential.secret : tencent.secretKey;
  const signed = [`/${key}`, `/${bucket}/${key}`].some((pathname) =>
    verifyCosSignature(
      auth,
      { method: req.method ?? 'GET', pathname, query: url.searchParams, headers: req.headers },
      secretKey,
    ),
  );
  if (!signed) {
    throw new CosError(
      'SignatureDoesNotMatch',
      'The calculated signature does not match the one you provided.',
    );
  }
  if (!credential) return { kind: 'account' };

  const token = fromQuery
    ? url.searchParams.get('x-cos-security-token')
    : req.headers['x-cos-security-token'];
  ctx.credentials.assertUsable(credential, token, {
    wrongToken: () =>
      new CosError('AccessDenied', 'The x-cos-security-token does not belong to this temporary SecretId.'),
    expired: () => new CosError('ExpiredToken', 'The provided token has expired.'),
  });
  return { kind: 'temporary', credential };
}

/**
 * Refuses a write the caller's key scope does not allow (anonymous never writes). The account key
 * writes a legacy v2 session's storage paths until it is committed, and elsewhere only when
 * `cosAccountKeyScope` is `'bucket'`.
 */
export function assertMayWrite(caller: CosCaller, ctx: SandboxContext, bucket: string, key: string): void {
  if (caller.kind === 'account') {
    if (ctx.options.cosAccountKeyScope === 'bucket' || findV2SessionOfPath(ctx, key)) return;
    throw new CosError(
      'AccessDenied',
      'The account key may only write the storage paths of a legacy v2 session.',
    );
  }
  if (caller.kind === 'temporary' && ctx.credentials.mayWrite(caller.credential, 'cos', bucket, key)) return;
  throw new CosError('AccessDenied', 'Access Denied.');
}
