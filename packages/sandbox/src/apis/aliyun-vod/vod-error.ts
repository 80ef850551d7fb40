import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../../http/send.js';

/**
 * HTTP statuses of the error codes the sandbox's ApsaraVideo VOD answers. Gateway codes (signature,
 * timestamp, nonce, key, action) are Alibaba Cloud's common POP errors; `InvalidVideo.NotFound`,
 * `InvalidFileName.Extension` and `InvalidParameter` are VOD's. `InvalidParameter.<Name>` narrows the
 * generic `InvalidParameter` to the field at fault (a sandbox choice: VOD's own messages name it).
 * @see https://api.aliyun.com/document/vod/2017-03-21/errorCode
 * @see https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism
 */
const STATUS_BY_CODE: Record<string, number> = {
  SignatureDoesNotMatch: 400,
  SignatureNonceUsed: 400,
  'InvalidTimeStamp.Format': 400,
  'InvalidTimeStamp.Expired': 400,
  'InvalidAccessKeyId.NotFound': 404,
  'InvalidSecurityToken.Expired': 400,
  'InvalidSecurityToken.MismatchWithAccessKey': 400,
  'Forbidden.RAM': 403,
  InvalidSignatureMethod: 400,
  InvalidSignatureVersion: 400,
  InvalidVersion: 400,
  'InvalidAction.NotFound': 404,
  UnsupportedHTTPMethod: 405,
  'InvalidVideo.NotFound': 404,
  'InvalidImage.NotFound': 404,
  'InvalidFileName.Extension': 400,
  'InvalidParameter.ReferenceIdExisted': 409,
  'InvalidStorage.NotFound': 404,
  'InvalidVideo.Damaged': 400,
  'InvalidVideo.NoneStream': 404,
  InternalError: 500,
  ServiceUnavailable: 503,
};

/** A refusal answered as `{ Code, Message, RequestId, HostId, Recommend }`. */
export class VodError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** An explicit status (injected faults); otherwise the table's. */
    private readonly explicitStatus?: number,
  ) {
    super(message);
    this.name = 'VodError';
  }

  /** From the table; `Missing*` and `InvalidParameter*` are 400 like every parameter error. */
  get status(): number {
    return this.explicitStatus ?? STATUS_BY_CODE[this.code] ?? 400;
  }
}

/** `Missing<Name>`: how Alibaba's gateway names an absent required parameter. */
export function missing(name: string): VodError {
  return new VodError(`Missing${name}`, `${name} is mandatory for this action.`);
}

/** `InvalidParameter.<Name>` with a message that says what the cloud accepts. */
export function invalid(name: string, why: string): VodError {
  return new VodError(`InvalidParameter.${name}`, `The specified parameter "${name}" ${why}`);
}

/** RequestIds look like the cloud's: an upper-case UUID. */
export function newVodRequestId(): string {
  return randomUUID().toUpperCase();
}

export const VOD_HOST_ID = 'vod.cn-shanghai.aliyuncs.com';

export function sendVodError(res: ServerResponse, error: VodError, requestId: string): void {
  sendJson(
    res,
    error.status,
    {
      Code: error.code,
      Message: error.message,
      RequestId: requestId,
      HostId: VOD_HOST_ID,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=vod`,
    },
    { 'x-acs-request-id': requestId },
  );
}
