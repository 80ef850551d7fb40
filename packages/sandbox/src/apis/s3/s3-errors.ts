import type { ApiRequest } from '../../http/api-module.js';
import { sendXmlError } from '../../http/send.js';
import { xmlDocument } from '../../http/xml-document.js';
import { XML_API_ERROR_STATUS, xmlApiErrorOf } from '../xml-api-error.js';

/**
 * A refusal in S3's own words; rendered by `sendS3Error`. `extra` holds elements S3 adds for some
 * codes (e.g. `RequestTime`, `ServerTime`). Its table holds the S3 error codes the sandbox answers,
 * with their HTTP status.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 */
export class S3Error extends xmlApiErrorOf({
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
}) {}

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
