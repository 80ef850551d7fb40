import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { XMLBuilder } from 'fast-xml-parser';
import { sendXml } from '../../http/send.js';
import { StoreError, type StoreErrorCode } from '../../store/object-store.js';

/**
 * COS error codes the sandbox answers, with their HTTP statuses.
 * `ExpiredToken` (a temporary key past its ExpiredTime) is the sandbox's choice of name: COS documents
 * only "403 for requests carrying an expired temporary key".
 * @see https://www.tencentcloud.com/document/product/436/7730 (Error Codes)
 * @see https://www.tencentcloud.com/document/product/436/40105 (403 Error for COS Access)
 */
export const COS_ERROR_STATUS = {
  AccessDenied: 403,
  InvalidAccessKeyId: 403,
  SignatureDoesNotMatch: 403,
  ExpiredToken: 403,
  RequestTimeTooSkewed: 403,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchBucket: 404,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  EntityTooSmall: 400,
  InvalidArgument: 400,
  InvalidDigest: 400,
  BadDigest: 400,
  InvalidURI: 400,
  MalformedXML: 400,
  InvalidRequest: 400,
  InvalidRange: 416,
  MethodNotAllowed: 405,
  NotImplemented: 501,
  InternalError: 500,
} as const satisfies Record<string, number> & Record<StoreErrorCode, number>;

export type CosErrorCode = keyof typeof COS_ERROR_STATUS;

/** A refusal, rendered as COS's `<Error>` document. */
export class CosError extends Error {
  constructor(
    readonly code: CosErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CosError';
  }

  get status(): number {
    return COS_ERROR_STATUS[this.code];
  }

  /** Store errors carry the codes S3, COS and OSS share. */
  static from(error: unknown): CosError | undefined {
    if (error instanceof CosError) return error;
    if (error instanceof StoreError) return new CosError(error.code, error.message);
    return undefined;
  }
}

/** `x-cos-request-id`, base64 like COS's. */
export function newCosRequestId(): string {
  return randomBytes(18).toString('base64');
}

const builder = new XMLBuilder({ ignoreAttributes: false, format: false });

/** Serializes `{ Root: {...} }` with an XML declaration; arrays become repeated elements. */
export function cosXml(body: Record<string, unknown>): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ...body }) as string;
}

/** Answers a COS error (headers only for HEAD, whose responses carry no body). */
export function sendCosError(
  res: ServerResponse,
  error: CosError,
  resource: string,
  requestId: string,
): void {
  if (res.req?.method === 'HEAD') {
    res.writeHead(error.status, { 'x-cos-request-id': requestId, 'content-type': 'application/xml' }).end();
    return;
  }
  const xml = cosXml({
    Error: {
      Code: error.code,
      Message: error.message,
      Resource: resource,
      RequestId: requestId,
      TraceId: randomBytes(24).toString('base64'),
    },
  });
  sendXml(res, error.status, xml, { 'x-cos-request-id': requestId });
}
