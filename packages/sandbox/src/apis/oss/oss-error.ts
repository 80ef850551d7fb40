import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { XMLBuilder } from 'fast-xml-parser';
import { sendXml } from '../../http/send.js';
import { StoreError, type StoreErrorCode } from '../../store/object-store.js';

/**
 * OSS error codes the sandbox answers, with their HTTP statuses.
 * @see https://www.alibabacloud.com/help/en/oss/support/http-status-code-4xx
 * @see https://www.alibabacloud.com/help/en/oss/developer-reference/error-responses
 */
export const OSS_ERROR_STATUS = {
  AccessDenied: 403,
  InvalidAccessKeyId: 403,
  SignatureDoesNotMatch: 403,
  SecurityTokenExpired: 403,
  RequestTimeTooSkewed: 403,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchBucket: 404,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  EntityTooSmall: 400,
  InvalidArgument: 400,
  InvalidDigest: 400,
  InvalidObjectName: 400,
  MalformedXML: 400,
  InvalidRange: 416,
  MethodNotAllowed: 405,
  NotImplemented: 501,
  InternalError: 500,
} as const satisfies Record<string, number> & Record<StoreErrorCode, number>;

export type OssErrorCode = keyof typeof OSS_ERROR_STATUS;

/** A refusal rendered as OSS's `<Error>` document. `extra` adds elements (e.g. `StringToSign`). */
export class OssError extends Error {
  constructor(
    readonly code: OssErrorCode,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'OssError';
  }

  get status(): number {
    return OSS_ERROR_STATUS[this.code];
  }

  /** Store errors carry the same codes S3/COS/OSS share. */
  static from(error: unknown): OssError | undefined {
    if (error instanceof OssError) return error;
    if (error instanceof StoreError) return new OssError(error.code, error.message);
    return undefined;
  }
}

/** `x-oss-request-id`: 24 upper-case hex digits, like OSS's. */
export function newOssRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

export const ossXmlBuilder = new XMLBuilder({ ignoreAttributes: false, format: false });

/** Serializes `{ Root: {...} }` with the XML declaration OSS sends. */
export function ossXml(body: Record<string, unknown>): string {
  return ossXmlBuilder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ...body }) as string;
}

/** Answers an OSS error (no body for HEAD, as OSS: the code then travels in `x-oss-ec`-less status only). */
export function sendOssError(res: ServerResponse, error: OssError, requestId: string, hostId: string): void {
  const xml = ossXml({
    Error: { Code: error.code, Message: error.message, RequestId: requestId, HostId: hostId, ...error.extra },
  });
  if (res.req?.method === 'HEAD') {
    res.writeHead(error.status, { 'x-oss-request-id': requestId, 'content-type': 'application/xml' }).end();
    return;
  }
  sendXml(res, error.status, xml, { 'x-oss-request-id': requestId });
}
