import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendXmlError } from '../../http/send.js';
import { xmlDocument } from '../../http/xml-document.js';
import { XML_API_ERROR_STATUS, xmlApiErrorOf } from '../xml-api-error.js';

/**
 * A refusal rendered as OSS's `<Error>` document by {@link sendOssError}; `extra` adds elements (e.g.
 * `StringToSign`). Its table holds the OSS error codes the sandbox answers, with their HTTP statuses.
 * @see https://www.alibabacloud.com/help/en/oss/support/http-status-code-4xx
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/error-responses
 */
export class OssError extends xmlApiErrorOf({
  ...XML_API_ERROR_STATUS,
  SecurityTokenExpired: 403,
  InvalidObjectName: 400,
  FileAlreadyExists: 409,
}) {}

/** `x-oss-request-id`: 24 upper-case hex digits, like OSS's. */
export function newOssRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

/** Answers an OSS error (headers only for HEAD, as OSS: the code then travels in the status alone). */
export function sendOssError(res: ServerResponse, error: OssError, requestId: string, hostId: string): void {
  const xml = xmlDocument({
    Error: { Code: error.code, Message: error.message, RequestId: requestId, HostId: hostId, ...error.extra },
  });
  sendXmlError(res, error.status, xml, { 'x-oss-request-id': requestId });
}
