import type { TempCredential } from '../../credentials.js';
import type { SandboxContext } from '../../http/api-module.js';
import { aliyunRpcStringToSign, verifyAliyunRpcSignature } from '../../verifiers/aliyun-rpc-sign.js';
import type { RpcParams } from './rpc-params.js';
import { VodError } from './vod-error.js';

/** `SignatureNonce`s seen per sandbox, with the time they arrived (kept one timestamp window). */
const seenNonces = new WeakMap<SandboxContext, Map<string, number>>();

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Checks an RPC call's common parameters as Alibaba Cloud's gateway does: signature method and version,
 * the `Timestamp` (ISO 8601 UTC) within the window of the sandbox clock, the `AccessKeyId` (the
 * account's, or an STS credential of this sandbox with its `SecurityToken`), the signature v1 over
 * every other parameter, and a `SignatureNonce` never seen before.
 * @see https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism
 */
export function authenticateRpc(method: string, params: RpcParams, ctx: SandboxContext): void {
  const signatureMethod = params.required('SignatureMethod');
  if (signatureMethod !== 'HMAC-SHA1') {
    throw new VodError(
      'InvalidSignatureMethod',
      `Specified signature method "${signatureMethod}" is not supported.`,
    );
  }
  const signatureVersion = params.required('SignatureVersion');
  if (signatureVersion !== '1.0') {
    throw new VodError(
      'InvalidSignatureVersion',
      `Specified signature version "${signatureVersion}" is not valid.`,
    );
  }
  const timestamp = params.required('Timestamp');
  const time = TIMESTAMP.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new VodError(
      'InvalidTimeStamp.Format',
      'Specified time stamp or date value is not well formatted.',
    );
  }
  if (Math.abs(time - ctx.clock.now()) > ctx.options.timestampWindowSeconds * 1000) {
    throw new VodError('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  }
  const nonce = params.required('SignatureNonce');
  const signature = params.required('Signature');
  const { secret, credential } = secretOf(params, ctx);
  if (!verifyAliyunRpcSignature(secret, method, params.all, signature)) {
    throw new VodError(
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${aliyunRpcStringToSign(method, params.all)}`,
    );
  }
  rememberNonce(ctx, nonce);
  // Every STS credential this sandbox issues is an UploadAuth, whose policy grants only writing its one
  // OSS key, never VOD: RAM refuses it after authentication with the common error `Forbidden.RAM` (403).
  // @see https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-errorcodes
  if (credential) {
    throw new VodError(
      'Forbidden.RAM',
      "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    );
  }
}

function secretOf(params: RpcParams, ctx: SandboxContext): { secret: string; credential?: TempCredential } {
  const accessKeyId = params.required('AccessKeyId');
  const token = params.get('SecurityToken');
  if (accessKeyId === ctx.descriptor.aliyun.accessKeyId)
    return { secret: ctx.descriptor.aliyun.accessKeySecret };
  const credential = ctx.credentials.find(accessKeyId);
  if (!credential) throw new VodError('InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  ctx.credentials.assertUsable(credential, token, {
    wrongToken: () =>
      new VodError(
        'InvalidSecurityToken.MismatchWithAccessKey',
        'Specified SecurityToken mismatch with the AccessKey.',
      ),
    expired: () => new VodError('InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'),
  });
  return { secret: credential.secret, credential };
}

/** Refuses a nonce seen within the window; older ones are forgotten (their timestamp is refused anyway). */
function rememberNonce(ctx: SandboxContext, nonce: string): void {
  let seen = seenNonces.get(ctx);
  if (!seen) {
    seen = new Map();
    seenNonces.set(ctx, seen);
  }
  const now = Date.now();
  if (seen.has(nonce))
    throw new VodError('SignatureNonceUsed', 'Specified signature nonce was used already.');
  if (seen.size > 10_000) {
    const horizon = now - 2 * ctx.options.timestampWindowSeconds * 1000;
    for (const [key, at] of seen) if (at < horizon) seen.delete(key);
  }
  seen.set(nonce, now);
}
