import { XMLBuilder } from 'fast-xml-parser';
import type { ApiRequest } from '../../http/api-module.js';

/**
 * The S3 error codes the sandbox answers, with their HTTP status.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
export const S3_ERROR_STATUS = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  EntityTooSmall: 400,
  ExpiredToken: 400,
  IncompleteBody: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidDigest: 400,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidToken: 400,
  InvalidURI: 400,
  KeyTooLongError: 400,
  MalformedXML: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NotImplemented: 501,
  PreconditionFailed: 412,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
} as const;

export type S3ErrorCode = keyof typeof S3_ERROR_STATUS;

/** A refusal in S3's own words; rendered by `sendS3Error`. */
export class S3Error extends Error {
  constructor(
    readonly code: S3ErrorCode,
    message: string,
    /** Extra elements S3 adds for some codes (e.g. `RequestTime`, `ServerTime`). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'S3Error';
  }

  get status(): number {
    return S3_ERROR_STATUS[this.code];
  }
}

const builder = new XMLBuilder({ ignoreAttributes: true });

/** Answers `<Error><Code/><Message/><Resource/><RequestId/></Error>` (headers only for HEAD, as S3 does). */
export function sendS3Error(request: ApiRequest, error: S3Error, requestId: string): void {
  const { res, req, url, record } = request;
  record.errorCode = error.code;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({
    Error: {
      Code: error.code,
      Message: error.message,
      ...error.extra,
      Resource: url.pathname,
      RequestId: requestId,
    },
  })}`;
  const headers: Record<string, string> = {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
  };
  if (req.method === 'HEAD') {
    res.writeHead(error.status, headers).end();
    return;
  }
  headers['content-length'] = String(Buffer.byteLength(xml));
  res.writeHead(error.status, headers).end(xml);
}
