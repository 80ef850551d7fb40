import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendXmlError } from '../../http/send.js';
import { xmlDocument } from '../../http/xml-document.js';
import { XML_API_ERROR_STATUS, xmlApiErrorOf } from '../xml-api-error.js';

/**
 * A refusal, rendered as COS's `<Error>` document by {@link sendCosError}; its table holds the COS
 * error codes the sandbox answers, with their HTTP statuses.
 * `ExpiredToken` (a temporary key past its ExpiredTime) is the sandbox's choice of name: COS documents
 * only "403 for requests carrying an expired temporary key".
 * @see https://www.tencentcloud.com/document/product/436/7730 (Error Codes)
 * @see https://www.tencentcloud.com/document/product/436/40105 (403 Error for COS Access)
 */
export class CosError extends xmlApiErrorOf({
  ...XML_API_ERROR_STATUS,
  ExpiredToken: 403,
  BadDigest: 400,
  InvalidURI: 400,
  InvalidRequest: 400,
  FileAlreadyExists: 409,
}) {}

/** `x-cos-request-id`, base64 like COS's. */
export function newCosRequestId(): string {
  return randomBytes(18).toString('base64');
}

/** Answers a COS error (headers only for HEAD, whose responses carry no body). */
export function sendCosError(
  res: ServerResponse,
  error: CosError,
  resource: string,
  requestId: string,
): void {
  const xml = xmlDocument({
    Error: {
      Code: error.code,
      Message: error.message,
      Resource: resource,
      RequestId: requestId,
      TraceId: randomBytes(24).toString('base64'),
    },
  });
  sendXmlError(res, error.status, xml, { 'x-cos-request-id': requestId });
}
