import type { TempCredential } from '../../credentials.js';
import type { ApiRequest, SandboxContext } from '../../http/api-module.js';
import { rawPathOf } from '../../http/request.js';
import {
  canonicalRequest,
  parseAmzDate,
  parseSigV4,
  type SigV4Claim,
  SigV4FormatError,
  type SigV4Request,
  signatureMatches,
  stringToSign,
} from '../../verifiers/sigv4.js';
import { S3Error } from './s3-errors.js';

/** Who signed a request: the account, or a temporary credential limited to some keys. */
export interface S3Caller {
  claim: SigV4Claim;
  /** Set when a temporary credential (with `x-amz-security-token`) signed the request. */
  temporary?: TempCredential;
}

/** The only streaming mode the AWS SDK v3 uses; chunk-signed modes are refused explicitly. */
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/**
 * Checks a request's SigV4 signature against the account keys of the descriptor (or a temporary `s3`
 * credential), its date against the sandbox clock, and a presigned URL's expiry.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
 */
export function authenticateS3(request: ApiRequest, ctx: SandboxContext): S3Caller {
  const signed = sigV4Request(request);
  let claim: SigV4Claim | undefined;
  try {
    claim = parseSigV4(signed);
  } catch (error) {
    if (error instanceof SigV4FormatError) throw new S3Error(error.code, error.message);
    throw error;
  }
  // The sandbox bucket is private, like a real upload bucket.
  if (!claim) throw new S3Error('AccessDenied', 'Access Denied');
  if (claim.payloadHash.startsWith('STREAMING-') && claim.payloadHash !== STREAMING_UNSIGNED_TRAILER) {
    throw new S3Error(
      'NotImplemented',
      `The sandbox does not support x-amz-content-sha256: ${claim.payloadHash}.`,
    );
  }
  if (
    !claim.presigned &&
    claim.payloadHash !== 'UNSIGNED-PAYLOAD' &&
    !claim.payloadHash.startsWith('STREAMING-')
  ) {
    if (!/^[0-9a-f]{64}$/.test(claim.payloadHash)) {
      throw new S3Error(
        'InvalidArgument',
        'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-* or a SHA256 hex.',
      );
    }
  }
  const { secret, temporary } = findSecret(claim, ctx);
  checkScope(claim, ctx);
  checkTime(claim, ctx);
  checkUnsignedHeaders(claim, signed);
  if (!signatureMatches(signed, claim, secret)) {
    const canonical = canonicalRequest(signed, claim);
    throw new S3Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: claim.accessKeyId,
        StringToSign: stringToSign(claim, canonical),
        CanonicalRequest: canonical,
      },
    );
  }
  if (temporary) {
    ctx.credentials.assertUsable(temporary, claim.securityToken, {
      wrongToken: () => new S3Error('InvalidToken', 'The provided token is malformed or otherwise invalid.'),
      expired: () => new S3Error('ExpiredToken', 'The provided token has expired.'),
    });
  }
  return { claim, temporary };
}

/** A temporary credential may only touch the keys it was issued for. */
export function assertMayAccess(
  caller: S3Caller,
  ctx: SandboxContext,
  bucket: string,
  key: string | undefined,
): void {
  const { temporary } = caller;
  if (!temporary) return;
  if (key === undefined || !ctx.credentials.mayWrite(temporary, 's3', bucket, key)) {
    throw new S3Error('AccessDenied', 'Access Denied');
  }
}

function sigV4Request({ req, url }: ApiRequest): SigV4Request {
  return {
    method: req.method ?? 'GET',
    rawPath: rawPathOf(req),
    query: [...url.searchParams],
    headers: req.headers,
  };
}

function findSecret(claim: SigV4Claim, ctx: SandboxContext): { secret: string; temporary?: TempCredential } {
  const account = ctx.descriptor.s3;
  if (claim.accessKeyId === account.accessKeyId) return { secret: account.secretAccessKey };
  const temporary = ctx.credentials.find(claim.accessKeyId);
  if (temporary && temporary.scope.cloud === 's3') return { secret: temporary.secret, temporary };
  throw new S3Error(
    'InvalidAccessKeyId',
    'The AWS Access Key Id you provided does not exist in our records.',
    {
      AWSAccessKeyId: claim.accessKeyId,
    },
  );
}

function checkScope(claim: SigV4Claim, ctx: SandboxContext): void {
  const code = claim.presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed';
  const region = ctx.descriptor.s3.region;
  if (claim.region !== region) {
    throw new S3Error(
      code,
      `The authorization header is malformed; the region '${claim.region}' is wrong; expecting '${region}'`,
      { Region: region },
    );
  }
  if (claim.service !== 's3') {
    throw new S3Error(
      code,
      `The authorization header is malformed; incorrect service "${claim.service}". This endpoint belongs to "s3".`,
    );
  }
  if (claim.scopeDate !== claim.amzDate.slice(0, 8)) {
    throw new S3Error(
      code,
      `The authorization header is malformed; Invalid credential date "${claim.scopeDate}". This date is not the same as X-Amz-Date: "${claim.amzDate.slice(0, 8)}".`,
    );
  }
}

function checkTime(claim: SigV4Claim, ctx: SandboxContext): void {
  const now = ctx.clock.now();
  const signedAt = parseAmzDate(claim.amzDate);
  const windowMs = ctx.options.timestampWindowSeconds * 1000;
  const serverTime = new Date(now).toISOString();
  if (Number.isNaN(signedAt)) throw new S3Error('AccessDenied', 'Invalid date in the request.');
  if (claim.presigned) {
    const expiresAt = signedAt + (claim.expiresSeconds ?? 0) * 1000;
    if (now > expiresAt) {
      throw new S3Error('AccessDenied', 'Request has expired', {
        'X-Amz-Expires': String(claim.expiresSeconds),
        Expires: new Date(expiresAt).toISOString(),
        ServerTime: serverTime,
      });
    }
    if (signedAt - now > windowMs) throw new S3Error('AccessDenied', 'Request is not valid yet');
    return;
  }
  if (Math.abs(now - signedAt) > windowMs) {
    throw new S3Error(
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      {
        RequestTime: claim.amzDate,
        ServerTime: serverTime,
        MaxAllowedSkewMilliseconds: String(windowMs),
      },
    );
  }
}

/** S3 refuses `x-amz-*` headers that the signature does not cover (they could be altered in transit). */
function checkUnsignedHeaders(claim: SigV4Claim, signed: SigV4Request): void {
  const signedSet = new Set(claim.signedHeaders);
  const unsigned = Object.keys(signed.headers).filter(
    (name) =>
      name.startsWith('x-amz-') &&
      !signedSet.has(name) &&
      !(claim.presigned && name === 'x-amz-content-sha256'),
  );
  if (unsigned.length > 0) {
    throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed', {
      HeadersNotSigned: unsigned.join(', '),
    });
  }
  if (!signedSet.has('host')) {
    throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed', {
      HeadersNotSigned: 'host',
    });
  }
}
