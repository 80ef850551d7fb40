import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../../http/send.js';

/**
 * API 3.0 error codes the sandbox answers. Every API 3.0 error travels with HTTP 200 in
 * `{ Response: { Error: { Code, Message }, RequestId } }`.
 * @see https://www.tencentcloud.com/document/api/266/34782 (VOD common error codes)
 * @see https://www.tencentcloud.com/document/product/266/33413 (ApplyUpload errors)
 * @see https://www.tencentcloud.com/document/product/266/34130 (PullUpload errors)
 */
export type VodErrorCode =
  | 'AuthFailure.InvalidAuthorization'
  | 'AuthFailure.SecretIdNotFound'
  | 'AuthFailure.SignatureExpire'
  | 'AuthFailure.SignatureFailure'
  | 'FailedOperation'
  | 'FailedOperation.MediaType'
  | 'InternalError'
  | 'InvalidAction'
  | 'InvalidParameter'
  | 'InvalidParameter.ExpireTime'
  | `InvalidParameterValue.${string}`
  | 'MissingParameter'
  | 'NoSuchVersion'
  | 'ResourceNotFound.FileNotExist'
  | 'ResourceNotFound.TaskNotExist'
  | 'UnauthorizedOperation'
  | 'UnknownParameter'
  | 'UnsupportedOperation'
  | 'UnsupportedProtocol'
  | 'UnsupportedRegion';

/** A refusal of an API 3.0 call. */
export class VodError extends Error {
  constructor(
    readonly code: VodErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VodError';
  }
}

/** A RequestId like API 3.0's (a UUID). */
export function newVodRequestId(): string {
  return randomUUID();
}

/** `{ Response: { ...body, RequestId } }` with HTTP 200. */
export function sendVodResponse(res: ServerResponse, requestId: string, body: Record<string, unknown>): void {
  sendJson(res, 200, { Response: { ...body, RequestId: requestId } });
}

export function sendVodError(res: ServerResponse, requestId: string, error: VodError): void {
  sendVodResponse(res, requestId, { Error: { Code: error.code, Message: error.message } });
}
