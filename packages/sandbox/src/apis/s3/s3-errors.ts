import type { ApiRequest } from '../../http/api-module.js';
import { sendXmlError } from '../../http/send.js';
import { xmlDocument } from '../../http/xml-document.js';
import { XML_API_ERROR_STATUS, XmlApiError } from '../xml-api-error.js';

/**
 * The S3 error codes the sandbox answers, with their HTTP status.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
export const S3_ERROR_STATUS = {
  ...XML_API_ERROR_STATUS,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  ExpiredToken: 400,
  IncompleteBody: 400,
  InvalidRequest: 400,
  InvalidToken: 400,
  InvalidURI: 400,
  KeyTooLongError: 400,
  MissingContentLength: 411,
  PreconditionFailed: 412,
  XAmzContentSHA256Mismatch: 400,
} as const satisfies Record<string, number>;

export type S3ErrorCode = keyof typeof S3_ERROR_STATUS;

/** A refusal in S3's own words; rendered by `sendS3Error`. `extra` holds elements S3 adds for some codes (e.g. `RequestTime`, `ServerTime`). */
export class S3Error extends XmlApiError<S3ErrorCode> {
  static override readonly statuses = S3_ERROR_STATUS;
}

/** Answers `<Error><Code/><Message/><Resource/><RequestId/></Error>` (headers only for HEAD, as S3 does). */
export function sendS3Error(request: ApiRequest, error: S3Error, requestId: string): void {
  const { res, url, record } = request;
  record.errorCode = error.code;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const xml = xmlDocument({
    Error: {
      Code: error.code,
      Message: error.message,
      ...error.extra,
      Resource: url.pathname,
      RequestId: requestId,
    },
  });
  sendXmlError(res, error.status, xml, { 'x-amz-request-id': requestId });
}
