import type { ApiRequest } from '../../http/api-module.js';
import { newVodRequestId, sendVodError, VodError } from './vod-error.js';

/**
 * Whether RPC-style parameters (a query, or a form-encoded body at `/`) are a Tencent Cloud API call
 * signed with signature v1 — what tencentcloud-sdk-nodejs sends with `profile.signMethod`
 * `HmacSHA256` or `HmacSHA1`: Tencent's common `SecretId` and `Nonce`, and none of Alibaba RPC's
 * `AccessKeyId`, with which the two share `/`.
 * @see https://www.tencentcloud.com/document/product/266/34113 (common parameters of signature v1 and v3)
 */
export function isTencentSignatureV1(params: Readonly<Record<string, string>>): boolean {
  return params.SecretId !== undefined && params.Nonce !== undefined && params.AccessKeyId === undefined;
}

/**
 * Answers a signature v1 call in API 3.0's envelope (HTTP 200, `Response.Error`): the sandbox
 * emulates TC3-HMAC-SHA256 only, and says so with `UnsupportedOperation` (the sandbox's choice: not
 * `AuthFailure.SignatureFailure`, which would send the caller checking its keys).
 */
export function refuseTencentSignatureV1(
  request: ApiRequest,
  params: Readonly<Record<string, string>>,
): void {
  const error = new VodError(
    'UnsupportedOperation',
    'Signature v1 (SignatureMethod HmacSHA1/HmacSHA256) is not emulated by the sandbox; sign with TC3-HMAC-SHA256, the SDK default signMethod.',
  );
  request.record.api = 'tencent-vod';
  if (params.Action) request.record.action = params.Action;
  request.record.errorCode = error.code;
  sendVodError(request.res, newVodRequestId(), error);
}
